// The jobs the service runs. A feature adds its JobDefinition to the list; what a job needs from the configuration
// comes through JobSettings (filled in by the app from its config).
import type { JobDefinition } from './queue.js'
import { idempotencyPurge } from './idempotency-purge.js'
import { webhookDelivery, type WebhookJobSettings } from './webhook-delivery.js'

export interface JobSettings {
  /** IDEMPOTENCY_KEY_HOURS: keys older than this are purged. */
  idempotencyKeyHours: number
  /** WEBHOOK_*: how webhooks are delivered, and the sender. */
  webhooks: WebhookJobSettings
}

export function jobDefinitions (settings: JobSettings): JobDefinition[] {
  return [
    idempotencyPurge(settings.idempotencyKeyHours),
    ...webhookDelivery(settings.webhooks)
  ]
}
