// Every problem `code` the service can answer with, in one place: its HTTP status, what it means, and an example
// detail as a caller would read it. The refusal helpers (errors.ts) and the error plugins take only these names,
// so a typo or a new code that is not written down here does not compile; the contract lists them per operation
// (src/http/problem-responses.ts) and as the enum of `Problem.code`. The status lives here, not in the HTTP layer,
// because a code names one refusal and that refusal always answers the same status.
//
// `reach` says where a code can come from: `operation` (an operation's own refusal, listed by the routes that give
// it), `every` (the platform's, added to every operation's list by problems()) or `connection` (refused before any
// route is found: documented in Problem.code and the README, never by an operation).

interface Entry {
  readonly status: number
  readonly meaning: string
  readonly example: string
  readonly reach?: 'every' | 'connection'
}

const UNIT_ID = '0f8e6b52-2c1d-4f4b-9a51-3d2b7c4e9a10'
const CLUSTER_ID = '5b7a4c1e-8d2f-4e3a-b6c9-1a2b3c4d5e6f'

export const PROBLEM_CODES = {
  // 400: malformed requests
  validation_failed: { status: 400, reach: 'every', meaning: 'The request breaks its schema; `errors` lists each bad field.', example: 'The request is not valid: /body/code must not be blank; /body/name is required.' },
  malformed_json: { status: 400, reach: 'every', meaning: 'The body is not valid JSON.', example: 'Body is not valid JSON but content-type is set to \'application/json\'' },
  empty_body: { status: 400, reach: 'every', meaning: 'Content-Type is application/json but the body is empty.', example: 'Body cannot be empty when content-type is set to \'application/json\'' },
  invalid_content_length: { status: 400, reach: 'every', meaning: 'Content-Length does not match the body.', example: 'Request body size did not match Content-Length' },
  invalid_text: { status: 400, reach: 'every', meaning: 'A text value or query parameter is not valid Unicode.', example: 'The request holds text that is not valid Unicode: /body/name has an unpaired surrogate.' },
  invalid_path: { status: 400, reach: 'every', meaning: 'The path is not valid (bad percent-encoding, a segment too long).', example: 'The path is not valid: URI malformed' },
  invalid_value: { status: 400, reach: 'every', meaning: 'A value passed the schema but the database cannot take it (out of range, malformed).', example: 'A value in the request is out of range or malformed.' },
  bad_request: { status: 400, reach: 'every', meaning: 'Another malformed request the platform refuses.', example: 'Bad request.' },
  body_too_deep: { status: 400, reach: 'every', meaning: 'The body is nested too deep to be checked.', example: 'The body is nested more than 64 levels deep.' },
  invalid_idempotency_key: { status: 400, reach: 'every', meaning: 'Idempotency-Key is not 1 to 200 visible ASCII characters.', example: 'Idempotency-Key must be 1 to 200 visible ASCII characters.' },
  idempotency_not_supported: { status: 400, reach: 'every', meaning: 'This operation refuses an Idempotency-Key (its answer must not be stored).', example: 'POST /v1/elections/:electionId/ballots does not take an Idempotency-Key: its answer must not be stored with the caller.' },
  malformed_request: { status: 400, reach: 'connection', meaning: 'The request is not valid HTTP/1.1.', example: 'The request is not valid HTTP/1.1.' },
  invalid_file_name: { status: 400, meaning: 'An uploaded file needs its name in Content-Disposition (filename*=UTF-8\'\'… or filename=), 1 to 255 characters.', example: 'Name the file in Content-Disposition: attachment; filename*=UTF-8\'\'B%C3%A1o%20c%C3%A1o.pdf' },
  invalid_cursor: { status: 400, meaning: 'The cursor was not issued by this service.', example: 'The cursor is not one this service issued; start again without it.' },
  invalid_limit: { status: 400, meaning: 'The page size is out of range.', example: 'limit must be a whole number from 1 to 200.' },
  invalid_time_range: { status: 400, meaning: 'The instant range ends before it starts.', example: 'from must be before to.' },
  invalid_range: { status: 400, meaning: 'The date range ends before it starts.', example: 'from (2024-12-31) is after to (2024-01-01).' },
  invalid_instant: { status: 400, meaning: 'An instant the service cannot store.', example: 'heldAt +275760-09-13T00:00:00Z is not an instant this service can store.' },
  invalid_threshold: { status: 400, meaning: 'A share in the cluster\'s rules is not a fraction from 0 to 1.', example: 'rules.quorum: the numerator (4) cannot exceed the denominator (3).' },
  // 401, 403
  unauthenticated: { status: 401, reach: 'every', meaning: 'No bearer token.', example: 'An Authorization: Bearer <token> header is required.' },
  invalid_token: { status: 401, reach: 'every', meaning: 'The bearer token is expired, badly signed or names no known role.', example: 'The token has expired.' },
  forbidden: { status: 403, reach: 'every', meaning: 'The caller\'s role or scope (own cluster, own unit) does not allow this.', example: 'A secretariat token may act only for its own cluster.' },
  discipline_outside_membership: { status: 403, meaning: 'A secretariat records discipline only for days the unit is a member of its cluster.', example: `Unit ${UNIT_ID} is not a member of cluster ${CLUSTER_ID} on every day from 2024-01-01 to before 2025-01-01: a secretariat records discipline only within its cluster's membership; an admin records the rest.` },
  // 404
  route_not_found: { status: 404, reach: 'every', meaning: 'No route has this method and path (for instance an empty id).', example: 'No route GET /v1/units/.' },
  unit_not_found: { status: 404, meaning: 'No unit has this id.', example: `No unit has id ${UNIT_ID}.` },
  block_not_found: { status: 404, meaning: 'No block has this id.', example: 'No block has id 2a4c6e80-1b3d-4f5a-8c7e-9d0f1a2b3c4d.' },
  cluster_not_found: { status: 404, meaning: 'No cluster has this id.', example: `No cluster has id ${CLUSTER_ID}.` },
  term_not_found: { status: 404, meaning: 'The cluster has no term for this year.', example: `Cluster ${CLUSTER_ID} has no term for 2025.` },
  advisory_group_not_found: { status: 404, meaning: 'The cluster has no advisory group (Tổ tư vấn) for this year.', example: `Cluster ${CLUSTER_ID} has no advisory group for 2025.` },
  document_not_found: { status: 404, meaning: 'No cluster document (regulations, action programme, scoring rules note) has this id.', example: 'No document has id 3e1f5a7c-9b2d-4c6e-8a0f-1b3d5e7a9c2e.' },
  pledge_not_found: { status: 404, meaning: 'No pledge has this id.', example: 'No pledge has id 7c9e1a3b-5d7f-4b2a-9c4e-6f8a0b1c2d3e.' },
  report_not_found: { status: 404, meaning: 'No summary report has this id.', example: 'No report has id 9d1f3b5a-7c9e-4b2a-8d4f-6a8c0e2b4d6f.' },
  report_comment_not_found: { status: 404, meaning: 'The report has no comment with this id.', example: 'No report comment has id 2b4d6f8a-0c2e-4a6b-8d0f-1a3c5e7a9b1d.' },
  conference_not_found: { status: 404, meaning: 'No conference has this id.', example: 'No conference has id 3e5a7c9b-1d2f-4a6b-8c0e-2f4a6b8c0d1e.' },
  scoring_scheme_not_found: { status: 404, meaning: 'No scoring scheme has this id.', example: 'No scoring scheme has id 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d.' },
  scoring_targets_not_found: { status: 404, meaning: 'The unit has no targets in this scheme.', example: `Unit ${UNIT_ID} has no targets in scheme 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d.` },
  scorecard_not_found: { status: 404, meaning: 'The unit has no scorecard in this scheme.', example: `Unit ${UNIT_ID} has no scorecard in scheme 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d.` },
  discipline_record_not_found: { status: 404, meaning: 'No discipline record has this id.', example: 'No discipline record has id 4d6f8a0c-2e4a-4b6c-8d0e-1f3a5c7e9b2d.' },
  election_not_found: { status: 404, meaning: 'No election has this id.', example: 'No election has id 6b8d0f2a-4c6e-4a8b-9c1d-3e5f7a9b1c2d.' },
  election_round_not_found: { status: 404, meaning: 'The election has no round with this number.', example: 'No election round has id 6b8d0f2a-4c6e-4a8b-9c1d-3e5f7a9b1c2d/2.' },
  file_not_found: { status: 404, meaning: 'No evidence file has this id (or the caller may not read it).', example: 'No file has id 8c1e3a5b-7d9f-4b2c-a4e6-0f2b4d6e8a1c.' },
  receipt_not_found: { status: 404, meaning: 'No ballot of this election has this receipt.', example: 'No ballot of this election has this receipt.' },
  campaign_not_found: { status: 404, meaning: 'No emulation campaign has this id.', example: 'No campaign has id 5e7a9c1b-3d5f-4a7b-9c1d-2e4f6a8b0c2d.' },
  title_not_found: { status: 404, meaning: 'The catalogue has no title with this code.', example: 'No title has code emulation_flag.' },
  campaign_participant_not_found: { status: 404, meaning: 'The campaign has no participant with this id.', example: 'No campaign participant has id 1d3f5b7a-9c2e-4b4d-8f6a-0b2c4d6e8f1a.' },
  // 406
  not_acceptable: { status: 406, meaning: 'Accept names none of the media types the operation answers in; `offered` lists them.', example: 'Accept: application/pdf names none of the media types this answers in: application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.' },
  // 408, 413, 415, 431: the request as a whole
  request_timeout: { status: 408, reach: 'connection', meaning: 'The request was not received in time.', example: 'The request was not received in time (REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS).' },
  body_too_large: { status: 413, meaning: 'The body is larger than the service accepts (BODY_LIMIT_BYTES; for an evidence file FILE_MAX_BYTES).', example: 'Request body is too large' },
  unsupported_media_type: { status: 415, meaning: 'The body is not sent as application/json; for an evidence file, its type is not one taken (PDF, PNG, JPEG, DOCX, XLSX) or its leading bytes are not of the type its Content-Type names.', example: 'Unsupported Media Type: text/plain' },
  range_not_satisfiable: { status: 416, meaning: 'The Range asked of a file starts past its end; Content-Range gives its size.', example: 'The file has 5120 bytes; bytes=9000- starts past its end.' },
  headers_too_large: { status: 431, reach: 'connection', meaning: 'The request headers are too large.', example: 'The request headers are too large.' },
  // 409: the current state
  conflict: { status: 409, meaning: 'The change conflicts with an existing record.', example: 'The change conflicts with an existing record.' },
  concurrent_update: { status: 409, meaning: 'Another change was made at the same time; retry.', example: 'Another change was made at the same time; retry the request.' },
  file_in_use: { status: 409, meaning: 'A finalized scorecard cites this file as evidence: it is part of the record and cannot be deleted.', example: 'File 8c1e3a5b-7d9f-4b2c-a4e6-0f2b4d6e8a1c is cited by a finalized scorecard and cannot be deleted.' },
  idempotency_key_in_use: { status: 409, meaning: 'A concurrent request with this Idempotency-Key was answered first.', example: 'Another request with this Idempotency-Key was answered first.' },
  unit_name_taken: { status: 409, meaning: 'Another unit has this name (ignoring case and Unicode form).', example: 'A unit with this name already exists.' },
  unit_code_taken: { status: 409, meaning: 'Another unit has this code.', example: 'A unit with this code already exists.' },
  title_code_taken: { status: 409, meaning: 'The catalogue already has a title with this code.', example: 'A title with this code already exists.' },
  title_name_taken: { status: 409, meaning: 'Another title of the catalogue has this name (whatever its case or Unicode form).', example: 'A title with this name already exists.' },
  block_name_taken: { status: 409, meaning: 'Another block has this name.', example: 'A block with this name already exists.' },
  cluster_number_taken: { status: 409, meaning: 'The block already has a cluster with this number.', example: 'This block already has a cluster with this number.' },
  cluster_name_taken: { status: 409, meaning: 'The block already has a cluster with this name.', example: 'This block already has a cluster with this name.' },
  unit_already_in_block_cluster: { status: 409, meaning: 'The unit is already a member of a cluster of the same block on that date.', example: 'The unit is a member of Cụm thi đua số 1 from 2024-01-01, which overlaps a membership from 2024-07-01.' },
  membership_not_open: { status: 409, meaning: 'The unit has no open membership in this cluster.', example: 'The unit has no open membership in this cluster.' },
  pledge_exists: { status: 409, meaning: 'The cluster already has a pledge for that year.', example: 'The cluster already has a pledge for 2025; edit its draft or create a new version.' },
  pledge_has_newer_version: { status: 409, meaning: 'A newer version of this pledge already exists.', example: 'Version 3 already follows this one; create a version from the latest.' },
  pledge_not_editable: { status: 409, meaning: 'The pledge is open or superseded: its content is frozen.', example: 'The pledge is open: its content is frozen. Create a new version to change it.' },
  document_not_draft: { status: 409, meaning: 'The cluster document is adopted or superseded: its content is frozen (draft a new version).', example: 'The document is adopted: its content is frozen. Draft a new version of the same kind to change it.' },
  pledge_not_draft: { status: 409, meaning: 'Only a draft pledge opens or is deleted.', example: 'The pledge is already open; only a draft opens.' },
  pledge_not_open: { status: 409, meaning: 'The pledge is not open for this step (signing, a new version).', example: 'The pledge is still a draft: edit it instead of creating a new version.' },
  pledge_already_signed: { status: 409, meaning: 'The unit has already signed this version of the pledge.', example: 'The unit has already signed this version of the pledge.' },
  report_exists: { status: 409, meaning: 'The cluster already has a report of that period for that year.', example: 'The cluster already has an annual report for 2024; edit it instead.' },
  report_final: { status: 409, meaning: 'The report is final: its sections, comments and answers are frozen.', example: 'The report is final: its content is frozen under its content hash.' },
  report_not_draft: { status: 409, meaning: 'Only a draft report opens for comments.', example: 'The report is already open_for_comments; only a draft opens for comments.' },
  report_not_open: { status: 409, meaning: 'The report is not open for comments (a draft, or already final).', example: 'The report is still a draft: it takes comments once opened.' },
  report_comments_waiting: { status: 409, meaning: 'Some comments have no disposition yet; `waiting` says how many.', example: '3 comments wait for a disposition (accepted or not, with an answer) before the report becomes final.' },
  conference_finalized: { status: 409, meaning: 'The conference record is finalized.', example: 'The conference record is finalized and can no longer change.' },
  scheme_exists: { status: 409, meaning: 'The cluster already has this version of a scoring scheme for that year and period.', example: 'The cluster already has this version of a scoring scheme for that year and period; start a new version instead.' },
  scheme_published: { status: 409, meaning: 'The scheme is published or superseded and can no longer change.', example: 'Scheme 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d is published and can no longer change; create a new version.' },
  scheme_not_published: { status: 409, meaning: 'The scheme is not the published version.', example: 'Scheme 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d is a draft: publish it before ranking.' },
  scheme_has_newer_version: { status: 409, meaning: 'A newer version of this scheme is already published.', example: 'Version 2 of this scheme was already published; publish a newer version instead.' },
  scorecard_wrong_state: { status: 409, meaning: 'The scorecard is not in the state this step needs.', example: 'The scorecard is submitted; saving needs it draft or returned.' },
  scorecard_return_limit: { status: 409, meaning: 'The scorecard has been returned for revision as often as allowed (20 times); review it as it stands.', example: 'The scorecard has been returned 20 times, the most allowed (20); review it as it stands.' },
  deadline_passed: { status: 409, meaning: 'The step is late and the cluster refuses late steps (rule `lateSteps`); `step` and `dueOn` name its deadline.', example: 'The self-assessment (submit) was due on 2024-11-15 (Asia/Ho_Chi_Minh) and it is now 2024-11-16; the cluster refuses late steps.' },
  scores_finalized: { status: 409, meaning: 'The scheme\'s scores are finalised and can no longer change.', example: 'The scores of scheme 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d are finalised and can no longer change.' },
  election_not_openable: { status: 409, meaning: 'Only a draft or a closed round awaiting the next can open.', example: 'The election is open; only a draft or a closed round awaiting the next can open.' },
  election_not_open: { status: 409, meaning: 'The election (or this round) is not open.', example: 'Round 1 closed before this ballot arrived.' },
  election_not_closed: { status: 409, meaning: 'The tally is known only once a round closes.', example: 'The election is draft and never opened: its tally is known only once a round closes.' },
  election_not_cancellable: { status: 409, meaning: 'The election can no longer be cancelled.', example: 'The election cannot be cancelled: it is already decided.' },
  unit_in_use: { status: 409, meaning: 'The unit cannot be deleted while records refer to it; `references` says which.', example: 'Công an tỉnh Lào Cai has been a member of Cụm thi đua số 1, so it cannot be deleted: only a unit nothing refers to can be.' },
  block_in_use: { status: 409, meaning: 'The block cannot be deleted while it holds clusters; `references` says which.', example: 'Khối các đơn vị Công an địa phương holds Cụm thi đua số 1, so it cannot be deleted: only a block nothing refers to can be.' },
  cluster_in_use: { status: 409, meaning: 'The cluster cannot be deleted while records refer to it; `references` says which.', example: 'Cụm thi đua số 1 has 1 pledge and 2 memberships, so it cannot be deleted: only a cluster nothing refers to can be.' },
  pledge_in_use: { status: 409, meaning: 'The pledge cannot be deleted while records refer to it; `references` says which.', example: 'Giao ước thi đua năm 2025 is linked from 1 conference, so it cannot be deleted: only a pledge nothing refers to can be.' },
  conference_in_use: { status: 409, meaning: 'The conference cannot be deleted while records refer to it; `references` says which.', example: 'Hội nghị ký kết giao ước thi đua năm 2025 has 1 election, so it cannot be deleted: only a conference nothing refers to can be.' },
  election_in_use: { status: 409, meaning: 'The election cannot be deleted while records refer to it; `references` says which.', example: 'Bầu Cụm trưởng năm 2025 is linked from 1 conference, so it cannot be deleted: only an election nothing refers to can be.' },
  scheme_in_use: { status: 409, meaning: 'The scoring scheme cannot be deleted while records refer to it; `references` says which.', example: 'Quy định chấm điểm năm 2024 has targets in 1 scoring scheme, so it cannot be deleted: only a scoring scheme nothing refers to can be.' },
  conference_not_draft: { status: 409, meaning: 'Only a draft conference is deleted.', example: 'The conference 3e5a7c9b-1d2f-4a6b-8c0e-2f4a6b8c0d1e is finalized: only a draft can be deleted.' },
  election_not_draft: { status: 409, meaning: 'Only a draft election is deleted.', example: 'The election 6b8d0f2a-4c6e-4a8b-9c1d-3e5f7a9b1c2d is open: only a draft can be deleted.' },
  scheme_not_draft: { status: 409, meaning: 'Only a draft scoring scheme is deleted.', example: 'The scoring scheme 9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d is published: only a draft can be deleted.' },
  already_voted: { status: 409, meaning: 'The unit has already voted in this round.', example: 'This unit has already voted in this round.' },
  campaign_participant_exists: { status: 409, meaning: 'The unit or cluster has already registered for this campaign.', example: `Unit ${UNIT_ID} has already registered for this campaign.` },
  campaign_ended: { status: 409, meaning: 'The campaign has ended: only an admin still records a participant (of a campaign of the past).', example: 'The campaign ended on 2025-08-19: registration is closed (an admin may still record a participant of the past).' },
  campaign_not_started: { status: 409, meaning: 'The campaign has not started: results are reported from its first day on.', example: 'The campaign starts on 2025-04-21: results are reported from that day on.' },
  // 412
  precondition_failed: { status: 412, meaning: 'If-Match does not name the current ETag: someone changed it since you read it.', example: 'The resource has changed since it was read (If-Match "v2-…" but it is now "v3-…"); read it again.' },
  // 422: domain rules
  idempotency_key_reused: { status: 422, meaning: 'This Idempotency-Key was used before with a different request.', example: 'This Idempotency-Key was already used with a different request; use a new key for a new request.' },
  evidence_file_not_found: { status: 422, meaning: 'A scorecard entry cites as evidence a file that does not exist or that the caller may not read; `fileIds` names them.', example: 'Entry I.1 cites file 8c1e3a5b-7d9f-4b2c-a4e6-0f2b4d6e8a1c as evidence, which does not exist or is not yours to cite.' },
  membership_before_founding: { status: 422, meaning: 'A membership cannot start before the cluster was founded.', example: 'The membership cannot start on 2018-01-01, before the cluster was founded on 2018-10-04.' },
  membership_end_not_after_start: { status: 422, meaning: 'A membership ends on a day after it started.', example: 'The membership started on 2024-07-01; it can end only on a later day, not on 2024-07-01.' },
  head_and_deputy_must_differ: { status: 422, meaning: 'The head and the deputy unit are two different units.', example: 'The head unit and the deputy unit must be two different units.' },
  term_unit_not_member: { status: 422, meaning: 'The term\'s head or deputy is not a member of the cluster that year.', example: `Unit ${UNIT_ID} is not a member of the cluster on any day of 2025.` },
  pledge_unit_not_member: { status: 422, meaning: 'A unit registering a title is not a member of the cluster that year.', example: `Unit ${UNIT_ID} is not a member of the cluster in 2025; only members register titles.` },
  pledge_title_registered_twice: { status: 422, meaning: 'A unit registers each title once.', example: `Unit ${UNIT_ID} is registered for co_thi_dua_bo_cong_an more than once.` },
  pledge_without_commitments: { status: 422, meaning: 'A pledge opens with at least one commitment.', example: 'A pledge opens with at least one commitment.' },
  pledge_signer_not_member: { status: 422, meaning: 'The signing unit is not a member of the cluster on the signing date.', example: `Unit ${UNIT_ID} is not a member of the cluster on 2025-01-15, the signing date.` },
  report_section_code_repeated: { status: 422, meaning: 'Two sections of a report share a code.', example: 'Section code "II" is used more than once; each section has its own code.' },
  report_section_has_comments: { status: 422, meaning: 'A revision removes a section that comments name.', example: 'Section II has comments and cannot be removed.' },
  report_without_sections: { status: 422, meaning: 'A report opens for comments with at least one section.', example: 'A report opens for comments with at least one section.' },
  title_unknown: { status: 422, meaning: 'The title code is not in the catalogue (GET /v1/titles lists it; an admin adds titles).', example: 'The catalogue has no title emulation_flag; GET /v1/titles lists the titles, and an admin may add one.' },
  title_not_for_collectives: { status: 422, meaning: 'A unit cannot be honoured with a title for individuals (a title election honours units).', example: 'Chiến sĩ thi đua cơ sở (emulation_fighter) is a title for individuals; a title election honours units.' },
  report_section_unknown: { status: 422, meaning: 'The comment names a section the report does not have.', example: 'The report has no section "IV"; comment on one of I, II, III.' },
  report_unit_not_member: { status: 422, meaning: 'The commenting unit is not a member of the cluster in the report\'s year.', example: `Unit ${UNIT_ID} is not a member of the cluster in 2024; only members comment on its report.` },
  report_comments_limit: { status: 422, meaning: 'The report has as many comments as one report takes (2,000).', example: 'The report already has 2000 comments, as many as one report takes.' },
  report_conference_not_in_cluster: { status: 422, meaning: 'The adopting conference belongs to another cluster.', example: 'Conference 3e5a7c9b-1d2f-4a6b-8c0e-2f4a6b8c0d1e is not a conference of the report\'s cluster.' },
  attendee_not_member: { status: 422, meaning: 'An attending unit is not a member of the cluster on the conference date.', example: `Unit ${UNIT_ID} is not a member of the cluster on 2024-12-20, the conference date.` },
  conference_year_mismatch: { status: 422, meaning: 'The conference date and its emulation year are too far apart.', example: 'A conference held on 2024-12-20 cannot concern the emulation year 2027: it must be 2023, 2024 or 2025.' },
  linked_pledge_not_in_cluster: { status: 422, meaning: 'The linked pledge belongs to another cluster.', example: 'Pledge 7c9e1a3b-5d7f-4b2a-9c4e-6f8a0b1c2d3e is not a pledge of this cluster.' },
  linked_election_not_in_cluster: { status: 422, meaning: 'A linked election belongs to another cluster.', example: 'Election 6b8d0f2a-4c6e-4a8b-9c1d-3e5f7a9b1c2d is not an election of this cluster.' },
  linked_advisory_group_not_found: { status: 422, meaning: 'The cluster has founded no advisory group for the linked year.', example: 'The cluster has founded no advisory group for 2022: found it (PUT .../advisory-groups/2022) before linking it.' },
  quorum_not_met: { status: 422, meaning: 'Too few member units attended for the cluster\'s quorum.', example: '3 of 7 member units present does not meet the quorum of more than 1/2.' },
  invalid_scheme: { status: 422, meaning: 'The scoring scheme\'s criteria break its rules; `errors` lists each problem.', example: 'The scoring scheme has 1 problem: /body/criteria/0/maxPoints must be more than 0.' },
  invalid_deadlines: { status: 422, meaning: 'The scheme\'s deadlines are not valid (not real dates, explanationDays outside 1–90, second review due before the self-assessment); `errors` lists each problem.', example: 'The deadlines have 1 problem: /body/deadlines/secondReviewDue must not be before selfAssessmentDue (2024-11-15).' },
  invalid_targets: { status: 422, meaning: 'The targets do not fit the scheme; `errors` lists each problem.', example: 'The targets have 1 problem: /body/targets/I.1 is not a criterion of the scheme.' },
  invalid_entries: { status: 422, meaning: 'The scorecard entries do not fit the scheme; `errors` lists each problem.', example: 'The entries have 1 problem: /body/entries/0/points must be at most 10.' },
  invalid_scoring_input: { status: 422, meaning: 'The scorecard cannot be scored as it stands; `errors` lists each problem.', example: 'The scoring input has 1 problem: I.2 has no entry.' },
  unit_not_member: { status: 422, meaning: 'The unit is not a member of the scheme\'s cluster that year.', example: `Unit ${UNIT_ID} is not a member of the scheme's cluster in 2024.` },
  invalid_return_reason: { status: 422, meaning: 'A return for revision needs a reason: visible text of 1 to 2000 characters once trimmed.', example: 'A return needs a reason: visible text of 1 to 2000 characters once trimmed.' },
  scorecards_not_ready: { status: 422, meaning: 'Every member unit\'s scorecard must be reviewed before the scores are finalised.', example: '1 member unit is not reviewed yet: Công an tỉnh Lào Cai (submitted).' },
  ranking_not_final: { status: 422, meaning: 'The year\'s scores are not finalized, so title eligibility cannot be judged.', example: 'The cluster\'s annual scores of 2024 are not finalized, so title eligibility cannot be judged; finalize them, or an admin may override with a reason.' },
  title_code_required: { status: 422, meaning: 'A title election names its titleCode.', example: 'A title election names its titleCode.' },
  title_code_not_allowed: { status: 422, meaning: 'A leadership election has no titleCode.', example: 'A leadership election has no titleCode.' },
  office_required: { status: 422, meaning: 'A leadership election names its office.', example: 'A leadership election names its office: `head` or `deputy`.' },
  office_not_allowed: { status: 422, meaning: 'A title election has no office.', example: 'A title election has no office.' },
  one_seat_per_office: { status: 422, meaning: 'A leadership election elects one unit.', example: 'A leadership election elects one unit to its office.' },
  seats_fixed_by_rules: { status: 422, meaning: 'The cluster\'s rules fix the number of seats for this title.', example: 'The cluster\'s rules fix 2 seats for co_thi_dua_bo_cong_an.' },
  more_seats_than_candidates: { status: 422, meaning: 'The election has more seats than candidates.', example: 'The election has 3 seats but 2 candidates.' },
  duplicate_candidate: { status: 422, meaning: 'A unit is listed as a candidate more than once.', example: 'A unit is listed as a candidate more than once.' },
  candidate_not_member: { status: 422, meaning: 'A candidate is not a member of the cluster.', example: `Unit ${UNIT_ID} is not a member of the cluster on 2024-12-20.` },
  candidate_not_eligible: { status: 422, meaning: 'A candidate is not eligible for the title in the finalized ranking.', example: `Unit ${UNIT_ID} is not eligible for co_thi_dua_bo_cong_an in the finalized ranking of 2024.` },
  outgoing_head_not_eligible: { status: 422, meaning: 'The cluster\'s rules forbid electing the outgoing head again.', example: `Unit ${UNIT_ID} heads the cluster in 2024; this cluster's rules forbid electing it head again.` },
  override_for_titles_only: { status: 422, meaning: 'An eligibility override applies to title elections only.', example: 'An eligibility override applies to title elections only.' },
  conference_not_in_cluster: { status: 422, meaning: 'The conference belongs to another cluster.', example: 'Conference 3e5a7c9b-1d2f-4a6b-8c0e-2f4a6b8c0d1e is not a conference of this cluster.' },
  already_proposed: { status: 422, meaning: 'A unit is already proposed for this title that year.', example: `Unit ${UNIT_ID} is already proposed for co_thi_dua_bo_cong_an in 2024.` },
  no_electorate: { status: 422, meaning: 'The cluster has no member units that day, so no one could vote.', example: 'The cluster has no member units on 2024-12-20, so no one could vote.' },
  head_not_elected: { status: 422, meaning: 'The deputy is elected after the head.', example: 'The head unit for 2025 is not elected yet; the deputy is elected after the head.' },
  candidate_is_head: { status: 422, meaning: 'The unit elected head cannot also be deputy.', example: `Unit ${UNIT_ID} is elected head for 2025 and cannot also be deputy.` },
  voter_not_in_electorate: { status: 422, meaning: 'The voting unit was not a member when the round opened.', example: `Unit ${UNIT_ID} was not a member of the cluster when round 1 opened, so it cannot vote in it.` },
  too_many_choices: { status: 422, meaning: 'The ballot names more units than the round has seats.', example: 'A ballot may name at most 1 unit in this round; it names 2.' },
  duplicate_choice: { status: 422, meaning: 'The ballot names a unit twice.', example: 'choices[1] repeats an earlier choice.' },
  not_a_candidate: { status: 422, meaning: 'The ballot names a unit that is not a candidate of this round.', example: 'choices[0] is not a candidate of this round.' },
  self_vote_not_allowed: { status: 422, meaning: 'The cluster\'s rules forbid voting for oneself.', example: 'choices[0] is the voting unit itself; this cluster\'s rules forbid voting for oneself.' },
  advisory_member_unknown: { status: 422, meaning: 'A member sent with an `id` is not a member of the current advisory group (leave the id out to add one).', example: 'members[2].id 8d3f1b6a-2c4e-4f7a-9b1d-5e6f7a8b9c0d is not a member of the current group; leave the id out to add a member.' },
  advisory_member_repeated: { status: 422, meaning: 'The same advisory group member id is listed twice.', example: 'members[3].id 8d3f1b6a-2c4e-4f7a-9b1d-5e6f7a8b9c0d is listed more than once.' },
  advisory_member_unit_unknown: { status: 422, meaning: 'An advisory group member\'s unitId names no unit.', example: `members[0].unitId ${UNIT_ID} names no unit.` },
  document_conference_other_cluster: { status: 422, meaning: 'A cluster document is adopted at a conference of its own cluster.', example: 'The conference belongs to another cluster: a document is adopted at a conference of its own cluster.' },
  document_adopted_off_conference_date: { status: 422, meaning: '`adoptedOn` is the date the conference was held.', example: 'The conference was held on 2025-01-10, not on 2025-01-12: a document is adopted on the day of its conference.' },
  document_adoption_outside_year: { status: 422, meaning: 'A document for a year is adopted in that year or the year before.', example: 'A document for 2025 is adopted in 2024 or 2025, not on 2023-12-30.' },
  document_adoption_before_current: { status: 422, meaning: 'A new version is adopted on or after the day the version it supersedes was adopted.', example: 'The version in force was adopted on 2025-01-10; a version superseding it is adopted on that day or later, not on 2024-12-20.' },
  advisory_decision_date_outside_year: { status: 422, meaning: 'The decision founding a year\'s advisory group is dated in that year or the year before.', example: 'A decision founding the advisory group of 2025 is dated in 2024 or 2025, not on 2023-12-30.' },
  reviewer_not_in_advisory_group: { status: 422, meaning: 'A reviewer a review names is not a member of the cluster\'s advisory group for the scheme\'s year.', example: 'entries[0] (I.1) names reviewer 8d3f1b6a-2c4e-4f7a-9b1d-5e6f7a8b9c0d, who is not a member of the cluster\'s advisory group for 2024.' },
  discipline_period_invalid: { status: 422, meaning: 'A discipline record ends after it starts.', example: 'The record\'s end 2024-01-01 must be after its start 2024-06-30.' },
  campaign_period_invalid: { status: 422, meaning: 'A campaign ends on or after its first day, lasts at most five years, and its decision is dated no later than its last day.', example: 'The campaign ends on 2025-04-20, before it starts on 2025-04-21.' },
  campaign_scope_unknown: { status: 422, meaning: 'The campaign\'s scope names a block, cluster or unit that does not exist; the path names it.', example: `scope.unitIds[0] ${UNIT_ID} names no unit.` },
  campaign_participant_out_of_scope: { status: 422, meaning: 'The unit or cluster registering is outside the campaign\'s scope.', example: `Cluster ${CLUSTER_ID} is outside the campaign's scope: the scope names neither it nor its block.` },
  campaign_scope_excludes_participant: { status: 422, meaning: 'The changed scope or period would leave out a registered participant.', example: `Unit ${UNIT_ID} has registered (participant 1d3f5b7a-9c2e-4b4d-8f6a-0b2c4d6e8f1a) and would fall outside the changed scope or period; keep it in the scope.` },
  // 429, 500, 503
  rate_limited: { status: 429, reach: 'every', meaning: 'Too many requests for this token this minute; see Retry-After.', example: 'Rate limit of 600 requests per minute exceeded; retry in 12 s.' },
  internal_error: { status: 500, reach: 'every', meaning: 'An unexpected failure; the requestId finds it in the logs.', example: 'An unexpected error occurred. The request id identifies it in the logs.' },
  database_unavailable: { status: 503, reach: 'every', meaning: 'The database refuses or drops connections.', example: 'The database is unavailable; retry later.' },
  identity_provider_unavailable: { status: 503, reach: 'every', meaning: 'The identity provider\'s keys (AUTH_JWKS_URL) cannot be fetched to check the token: unreachable, an error status or not a key set; see Retry-After.', example: 'The identity provider\'s keys cannot be fetched to check the token; retry in 30 s.' },
  service_overloaded: { status: 503, reach: 'every', meaning: 'Every database connection stayed busy, or the process is out of file descriptors; see Retry-After.', example: 'The service has more requests than it can serve at once; retry later.' }
} as const satisfies Record<string, Entry>

export type ProblemCode = keyof typeof PROBLEM_CODES

/** The codes answered with HTTP status `S`: what a refusal helper of that status accepts. */
export type CodeOf<S extends number> = { [C in ProblemCode]: (typeof PROBLEM_CODES)[C]['status'] extends S ? C : never }[ProblemCode]

/** The resources whose `<resource>_not_found` is a registered code: what notFound() accepts. */
export type NotFoundResource = ProblemCode extends infer C ? C extends `${infer R}_not_found` ? R : never : never

export const problemCodes = Object.keys(PROBLEM_CODES) as ProblemCode[]

export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEM_CODES, code)

export const problemCode = (code: ProblemCode): Entry => PROBLEM_CODES[code]
