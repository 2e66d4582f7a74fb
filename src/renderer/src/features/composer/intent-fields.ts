import type { StructuredIntent } from '@shared/protocol';
import { INTENT_DATA, PRIORITIES } from '@shared/protocol';

export interface IntentField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number' | 'date';
  options?: readonly string[];
  placeholder?: string;
}

/** The typed fields of each structured intent; validation comes from the protocol's own `INTENT_DATA` schemas. */
export const INTENT_FIELDS: Record<StructuredIntent, IntentField[]> = {
  assign_task: [
    { name: 'task_id', label: 'Task id', kind: 'text', placeholder: 'T-123' },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'priority', label: 'Priority', kind: 'select', options: PRIORITIES },
    { name: 'due', label: 'Due', kind: 'date' },
  ],
  request_knowledge: [
    { name: 'query', label: 'Query', kind: 'text', placeholder: 'What is the Q4 pipeline?' },
    { name: 'context', label: 'Context', kind: 'textarea' },
  ],
  request_review: [
    { name: 'subject', label: 'Subject', kind: 'text' },
    { name: 'content', label: 'Content to review', kind: 'textarea' },
    { name: 'criteria', label: 'Criteria', kind: 'text' },
  ],
  provide_feedback: [
    { name: 'subject', label: 'Subject', kind: 'text' },
    { name: 'feedback', label: 'Feedback', kind: 'textarea' },
    { name: 'rating', label: 'Rating (1-5)', kind: 'number' },
  ],
  share_insights: [
    { name: 'topic', label: 'Topic', kind: 'text' },
    { name: 'insight', label: 'Insight', kind: 'textarea' },
  ],
  get_roadmap: [
    { name: 'horizon', label: 'Horizon', kind: 'select', options: ['month', 'quarter', 'year'] },
    { name: 'area', label: 'Area', kind: 'text' },
  ],
  health_check: [{ name: 'scope', label: 'Scope', kind: 'select', options: ['self', 'dependencies', 'all'] }],
  capability_query: [{ name: 'capability', label: 'Capability', kind: 'text', placeholder: 'leave empty for all' }],
};

export const DEFAULT_VALUES: Partial<Record<StructuredIntent, Record<string, string>>> = {
  assign_task: { priority: 'normal' },
  get_roadmap: { horizon: 'quarter' },
  health_check: { scope: 'self' },
};

/** Turns form strings into `data` and validates it: empty optional fields are left out, numbers parsed. */
export function validateIntent(
  intent: StructuredIntent,
  values: Record<string, string>,
): { ok: true; data: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const raw: Record<string, unknown> = {};
  for (const field of INTENT_FIELDS[intent]) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') continue;
    raw[field.name] = field.kind === 'number' ? Number(value) : value;
  }
  const parsed = INTENT_DATA[intent].safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data as Record<string, unknown> };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '(form)');
    errors[key] ??= issue.code === 'invalid_type' && raw[key] === undefined ? 'required' : issue.message;
  }
  return { ok: false, errors };
}
