// A row's snake_case columns read as an object's camelCase fields, for the columns a repository names: the names
// are typed from the list, so a field the column list forgets (or a type the row declares differently) fails to
// compile where the object is used, as a field-by-field mapping would.

/** `decided_by` → `decidedBy`, `ballots_cast` → `ballotsCast`: the field a column is read into. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S

/**
 * The columns a row type declares by name: a row typed for `paginate` also has an index signature, which would
 * otherwise let any string pass as a column.
 */
export type DeclaredColumn<Row> = keyof { [C in keyof Row as string extends C ? never : C]: unknown } & string

/** The fields `columns` of a row of type `Row` are read into, each of its column's type. */
export type FieldsOf<Row, Column extends DeclaredColumn<Row>> = { [C in Column as CamelCase<C>]: Row[C] }

/** The field a column is read into, computed as `CamelCase` does at compile time. */
export const camelCase = (column: string): string => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** `row`'s `columns`, each as its camelCase field, in the order given (the order an object's JSON keeps). */
export function fieldsOf<Row, Column extends DeclaredColumn<Row>> (row: Row, columns: readonly Column[]): FieldsOf<Row, Column> {
  const fields: Record<string, unknown> = {}
  for (const column of columns) fields[camelCase(column)] = row[column]
  return fields as FieldsOf<Row, Column>
}
