import { Type } from 'typebox'
import {
  CLAUSE_MAX_LENGTH, DOCUMENT_KINDS, DOCUMENT_STATUSES, DOCUMENT_TITLE_MAX_LENGTH, MAX_ARTICLES_PER_CHAPTER, MAX_CHAPTERS,
  MAX_CLAUSES_PER_ARTICLE
} from '../../domain/cluster-document.js'
import { IdParam } from '../../http/common-schemas.js'
import { EXAMPLE_IDS, exampleStamps, withPageExample } from '../../http/examples.js'
import {
  CalendarDate, IdempotencyHeaders, IfMatchHeaders, Instant, Integer, pageOf, PageQuery, ref, Uuid, versionOf
} from '../../http/shared-schemas.js'
import { EXAMPLE_ADOPTION, EXAMPLE_DOCUMENT_BODY, EXAMPLE_DOCUMENT_ID, EXAMPLE_HASH } from './examples.js'

const Title = (description: string) => Type.String({ minLength: 1, maxLength: DOCUMENT_TITLE_MAX_LENGTH, pattern: '\\S', description })

const Year = Integer(1945, 2100, { description: 'The calendar year the document governs (its emulation year).', examples: [2024] })

const Kind = Type.Enum([...DOCUMENT_KINDS], {
  description: '`operating_regulations` (quy chế hoạt động), `action_programme` (chương trình hành động) or ' +
    '`scoring_rules_note` (quy định chấm điểm: the note explaining the scoring scheme).'
})

export const DocumentArticle = Type.Object({
  title: Title('The article\'s title, printed "Điều n. …" (numbered through the whole document), e.g. Phạm vi điều chỉnh.'),
  clauses: Type.Array(Type.String({ minLength: 1, maxLength: CLAUSE_MAX_LENGTH, pattern: '\\S' }), {
    minItems: 1,
    maxItems: MAX_CLAUSES_PER_ARTICLE,
    description: `The article's clauses (khoản), printed 1., 2., …: 1 to ${MAX_CLAUSES_PER_ARTICLE}, each at most ` +
      `${CLAUSE_MAX_LENGTH} characters (a paragraph of rules; line breaks kept).`
  })
}, { $id: 'DocumentArticle', additionalProperties: false, description: 'An article (điều) and its clauses.' })

export const DocumentChapter = Type.Object({
  title: Title('The chapter\'s title, printed "Chương I. …" in capitals, e.g. Quy định chung.'),
  articles: Type.Array(ref(DocumentArticle), {
    minItems: 1, maxItems: MAX_ARTICLES_PER_CHAPTER, description: `1 to ${MAX_ARTICLES_PER_CHAPTER} articles (a chapter of a cluster regulation holds a handful).`
  })
}, { $id: 'DocumentChapter', additionalProperties: false, description: 'A chapter (chương) and its articles.' })

const contentProperties = {
  year: Year,
  title: Title('The document\'s own title, e.g. Quy chế hoạt động của Cụm thi đua số 1.'),
  chapters: Type.Array(ref(DocumentChapter), {
    minItems: 1, maxItems: MAX_CHAPTERS, description: `1 to ${MAX_CHAPTERS} chapters in order (a regulation runs to 4–6).`
  })
}

export const ClusterDocument = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  kind: Kind,
  versionNumber: Integer(1, 1_000_000, { description: 'The version of its kind in the cluster: 1, 2, … in the order drafted.' }),
  ...contentProperties,
  status: Type.Enum([...DOCUMENT_STATUSES], { description: '`draft` (editable) → `adopted` (frozen, in force) → `superseded` (a later version of the kind was adopted).' }),
  conferenceId: Type.Union([ref(Uuid), Type.Null()], { description: 'The conference that adopted it; null while a draft.' }),
  adoptedOn: Type.Union([ref(CalendarDate), Type.Null()], { description: 'The day it was adopted (the conference\'s date); null while a draft.' }),
  contentHash: Type.Union([Type.String({ maxLength: 64, pattern: '^[0-9a-f]{64}$' }), Type.Null()], {
    description: 'SHA-256 (hex) of the canonical JSON of {clusterId, kind, year, title, chapters}, set on adoption and printed in every footer; null while a draft.'
  }),
  supersededById: Type.Union([ref(Uuid), Type.Null()], { description: 'The version whose adoption superseded this one.' }),
  supersededAt: Type.Union([ref(Instant), Type.Null()]),
  version: versionOf('The record\'s change counter (its ETag).'),
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'ClusterDocument',
  description: 'One version of a cluster document: regulations, action programme or scoring rules note, in chapters, articles and clauses.',
  examples: [{
    id: EXAMPLE_DOCUMENT_ID,
    clusterId: EXAMPLE_IDS.cluster,
    versionNumber: 1,
    ...EXAMPLE_DOCUMENT_BODY,
    status: 'adopted',
    ...EXAMPLE_ADOPTION,
    contentHash: EXAMPLE_HASH,
    supersededById: null,
    supersededAt: null,
    ...exampleStamps,
    version: 2
  }]
})

export const ClusterDocumentPage = withPageExample(pageOf(ClusterDocument, 'ClusterDocumentPage'), ClusterDocument)

export const NewClusterDocument = Type.Object({ kind: Kind, ...contentProperties }, {
  $id: 'NewClusterDocument',
  additionalProperties: false,
  description: 'A new draft: the first version of its kind, or the next one (the version in force stays until this one is adopted).',
  examples: [EXAMPLE_DOCUMENT_BODY]
})

export const ClusterDocumentPatch = Type.Partial(Type.Object(contentProperties), {
  $id: 'ClusterDocumentPatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'Changes a draft: the fields given replace the stored ones (chapters as a whole).',
  examples: [{ title: EXAMPLE_DOCUMENT_BODY.title }]
})

export const DocumentAdoption = Type.Object({
  conferenceId: ref(Uuid, { description: 'The conference of the same cluster that adopted it.' }),
  adoptedOn: ref(CalendarDate, { description: 'The conference\'s date, in the document\'s year or the year before.' })
}, { $id: 'DocumentAdoption', additionalProperties: false, description: 'Where and when the document was adopted.', examples: [EXAMPLE_ADOPTION] })

export const DocumentParams = Type.Object({ documentId: IdParam('The id of one version of a cluster document.', EXAMPLE_DOCUMENT_ID) })

export const DocumentListQuery = Type.Object({
  ...PageQuery.properties,
  kind: Type.Optional(Kind),
  year: Type.Optional(Integer(1945, 2100, { description: 'Only the versions for this year.' })),
  status: Type.Optional(Type.Enum([...DOCUMENT_STATUSES], { description: 'Only the versions in this state.' }))
}, { additionalProperties: false })

/** Adoption is a POST that also honours If-Match: the version adopted is the one last read. */
export const AdoptHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const clusterDocumentSchemas = [DocumentArticle, DocumentChapter, ClusterDocument, ClusterDocumentPage, NewClusterDocument, ClusterDocumentPatch, DocumentAdoption]
