import type { Field } from '../../../shared/common/spec/model';

export function field(path: string, type: string, extra: Partial<Field> = {}): Field {
  return {
    path,
    type,
    required: false,
    nullable: false,
    enum: null,
    format: null,
    readOnly: false,
    writeOnly: false,
    description: null,
    cycle: null,
    ...extra,
  };
}

/** The demo sandbox's JobCreate request fields, as `fields` flattens them. */
export const JOB_CREATE: Field[] = [
  field('title', 'string', { required: true }),
  field('description', 'string'),
  field('priority', 'string', { required: true, enum: ['low', 'normal', 'high', 'urgent'] }),
  field('status', 'string', { enum: ['open', 'scheduled', 'dispatched', 'in_progress', 'completed', 'cancelled'] }),
  field('external_ref', 'string', { required: true }),
  field('scheduled_start', 'string', { format: 'date-time' }),
  field('customer', 'object'),
  field('customer.name', 'string'),
  field('customer.email', 'string', { format: 'email' }),
  field('site', 'object'),
  field('site.name', 'string'),
  field('site.address', 'object'),
  field('site.address.line1', 'string', { required: true }),
  field('site.address.city', 'string', { required: true }),
  field('site.address.postal_code', 'string'),
  field('site.address.country', 'string'),
  field('estimated_hours', 'number'),
  field('line_items', 'array'),
  field('line_items[].sku', 'string'),
  field('line_items[].quantity', 'integer', { required: true }),
  field('tags', 'array'),
];

/** A slice of the work-order fields (outbound source). */
export const WORK_ORDER: Field[] = [
  field('id', 'integer'),
  field('title', 'string'),
  field('description', 'object'),
  field('description.markdown', 'string'),
  field('priority', 'string'),
  field('status', 'object'),
  field('status.name', 'string', { enum: ['Draft', 'Published', 'Assigned', 'Work Done', 'Approved', 'Paid'] }),
  field('location', 'object'),
  field('location.address1', 'string'),
  field('location.city', 'string'),
  field('location.zip', 'string'),
  field('location.country', 'string'),
  field('schedule.service_window.start.utc', 'string'),
  field('pay.base.units', 'number'),
  field('contacts[].email', 'string'),
];
