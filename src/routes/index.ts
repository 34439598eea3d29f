// Every resource: its shared schemas (registered at the root so the contract names them) and its routes.
import type { TSchema } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import units from './units/index.js'
import { unitSchemas } from './units/schemas.js'
import auditEvents from './audit-events/index.js'
import { auditEventSchemas } from './audit-events/schemas.js'
import events from './events/index.js'
import { eventSchemas } from './events/schemas.js'
import blocks from './blocks/index.js'
import { blockSchemas } from './blocks/schemas.js'
import clusters from './clusters/index.js'
import { clusterSchemas } from './clusters/schemas.js'
import memberships from './memberships/index.js'
import { membershipSchemas } from './memberships/schemas.js'
import terms from './terms/index.js'
import { termSchemas } from './terms/schemas.js'
import advisoryGroups from './advisory-groups/index.js'
import { advisoryGroupSchemas } from './advisory-groups/schemas.js'
import clusterDocuments from './cluster-documents/index.js'
import { clusterDocumentSchemas } from './cluster-documents/schemas.js'
import pledges from './pledges/index.js'
import { pledgeSchemas } from './pledges/schemas.js'
import conferences from './conferences/index.js'
import { conferenceSchemas } from './conferences/schemas.js'
import scoringSchemes from './scoring-schemes/index.js'
import { scoringSchemaList } from './scoring-schemes/schemas.js'
import scorecards from './scorecards/index.js'
import { scorecardSchemas } from './scorecards/schemas.js'
import matrix from './matrix/index.js'
import { matrixSchemas } from './matrix/schemas.js'
import deadlines from './deadlines/index.js'
import { deadlineSchemas } from './deadlines/schemas.js'
import discipline from './discipline/index.js'
import { disciplineSchemas } from './discipline/schemas.js'
import files from './files/index.js'
import { fileSchemas } from './files/schemas.js'
import reports from './reports/index.js'
import { reportSchemas } from './reports/schemas.js'
import elections from './elections/index.js'
import { electionSchemas } from './elections/schemas.js'
import titles from './titles/index.js'
import { titleSchemas } from './titles/schemas.js'
import campaigns from './campaigns/index.js'
import awardDecisions from './award-decisions/index.js'
import { awardSchemas } from './award-decisions/schemas.js'
import { tallySchemas } from './award-decisions/tally-schemas.js'
import { campaignSchemas } from './campaigns/schemas.js'
import dossiers from './dossiers/index.js'
import { dossierSchemas } from './dossiers/schemas.js'
import { awardRoundSchemas } from './dossiers/round-schemas.js'
import webhooks from './webhooks/index.js'
import { webhookSchemas } from './webhooks/schemas.js'

export interface Resource { schemas: TSchema[], routes: FastifyPluginAsyncTypebox }

// In the order a year is run, which is the order of the contract's operations (plugins/swagger.ts sorts by tag
// on top of it): the records first, then the year's pledge, conferences, scoring, discipline, elections, the
// campaigns running across the year, the
// awards the year ends with, and the audit trail and event feed that follow all of them.
export const resources: Resource[] = [
  { schemas: unitSchemas, routes: units },
  { schemas: blockSchemas, routes: blocks },
  { schemas: clusterSchemas, routes: clusters },
  { schemas: membershipSchemas, routes: memberships },
  { schemas: termSchemas, routes: terms },
  { schemas: pledgeSchemas, routes: pledges },
  { schemas: conferenceSchemas, routes: conferences },
  { schemas: scoringSchemaList, routes: scoringSchemes },
  { schemas: fileSchemas, routes: files },
  { schemas: scorecardSchemas, routes: scorecards },
  { schemas: matrixSchemas, routes: matrix },
  { schemas: deadlineSchemas, routes: deadlines },
  { schemas: advisoryGroupSchemas, routes: advisoryGroups },
  { schemas: clusterDocumentSchemas, routes: clusterDocuments },
  { schemas: disciplineSchemas, routes: discipline },
  { schemas: electionSchemas, routes: elections },
  { schemas: campaignSchemas, routes: campaigns },
  { schemas: titleSchemas, routes: titles },
  { schemas: reportSchemas, routes: reports },
  { schemas: [...dossierSchemas, ...awardRoundSchemas], routes: dossiers },
  { schemas: [...awardSchemas, ...tallySchemas], routes: awardDecisions },
  { schemas: auditEventSchemas, routes: auditEvents },
  { schemas: eventSchemas, routes: events },
  { schemas: webhookSchemas, routes: webhooks }
]
