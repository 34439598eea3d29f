// Who writes a scoring scheme and its targets, and the contract's tag for both.
export const tags = ['scoring']
export const ROLES = ['admin', 'secretariat'] as const
