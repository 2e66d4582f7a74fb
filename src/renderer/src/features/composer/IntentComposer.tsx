import { type FormEvent, useState } from 'react';
import type { ApiError } from '@shared/contract';
import type { Agent } from '@shared/domain';
import { STRUCTURED_INTENTS, type StructuredIntent, type StructuredRequest } from '@shared/protocol';
import { api } from '../../lib/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import './composer.css';
import { DEFAULT_VALUES, INTENT_FIELDS, validateIntent } from './intent-fields';

/**
 * A structured request to one agent: pick an intent, fill its typed fields. Fields are checked with the protocol's
 * schema before sending (the core checks again); the reply comes back in the conversation as a card. It closes once
 * sent, and it is mounted per agent (keyed by the agent's id), so nothing typed for one agent follows to another.
 */
export function IntentComposer({ agent, onClose }: { agent: Agent; onClose(): void }) {
  const supported = STRUCTURED_INTENTS.filter((i) => agent.intents.includes(i));
  const choices = supported.length > 0 ? supported : STRUCTURED_INTENTS;
  const [intent, setIntent] = useState<StructuredIntent>(choices[0]!);
  const [values, setValues] = useState<Record<string, string>>(DEFAULT_VALUES[choices[0]!] ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);

  function choose(next: StructuredIntent) {
    setIntent(next);
    setValues(DEFAULT_VALUES[next] ?? {});
    setErrors({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateIntent(intent, values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setSending(true);
    const result = await api.intents.send({ agentId: agent.id, request: { intent, data: checked.data } as StructuredRequest });
    setSending(false);
    if (!result.ok) return setError(result.error);
    // Sent: the request is in the conversation as a card, so the form has done its job (like a chat app's sheet).
    onClose();
  }

  return (
    <form className="intent-composer" onSubmit={submit} aria-label="Structured request" noValidate>
      <div className="intent-head">
        <label>
          Intent{' '}
          <select aria-label="Intent" value={intent} onChange={(e) => choose(e.target.value as StructuredIntent)}>
            {choices.map((i) => (
              <option key={i} value={i}>
                {i.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        {supported.length > 0 && supported.length < STRUCTURED_INTENTS.length && (
          <span className="muted">{agent.name} supports {supported.length} structured intents</span>
        )}
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="intent-fields">
        {INTENT_FIELDS[intent].map((field) => {
          const id = `intent-${intent}-${field.name}`;
          const common = {
            id,
            name: field.name,
            value: values[field.name] ?? '',
            'aria-invalid': errors[field.name] ? true : undefined,
            onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field.name]: e.target.value })),
          };
          return (
            <div key={field.name} className={`intent-field field-${field.kind}`}>
              <label htmlFor={id}>{field.label}</label>
              {field.kind === 'textarea' ? (
                <textarea rows={2} {...common} />
              ) : field.kind === 'select' ? (
                <select {...common}>
                  {field.options!.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : (
                <input type={field.kind === 'number' ? 'number' : field.kind === 'date' ? 'date' : 'text'} placeholder={field.placeholder} {...common} />
              )}
              {errors[field.name] && (
                <span className="field-error" role="alert" data-field={field.name}>
                  {field.label}: {errors[field.name]}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <div className="intent-actions">
        <button type="submit" disabled={sending}>
          Send {intent.replace(/_/g, ' ')}
        </button>
      </div>
    </form>
  );
}
