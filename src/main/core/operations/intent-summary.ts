import type { StructuredRequest } from '../../../shared/protocol';

/** The human line that goes in `text` with a structured request, so agents that ignore `data` still understand it. */
export function summarizeRequest(request: StructuredRequest): string {
  switch (request.intent) {
    case 'assign_task': {
      const { task_id, description, priority, due } = request.data;
      return `Task ${task_id} (${priority}${due ? `, due ${due}` : ''}): ${description}`;
    }
    case 'request_knowledge':
      return request.data.context ? `${request.data.query}\n\nContext: ${request.data.context}` : request.data.query;
    case 'request_review':
      return `Please review "${request.data.subject}"${request.data.criteria ? ` against: ${request.data.criteria}` : ''}.\n\n${request.data.content}`;
    case 'provide_feedback':
      return `Feedback on "${request.data.subject}"${request.data.rating ? ` (${request.data.rating}/5)` : ''}: ${request.data.feedback}`;
    case 'share_insights':
      return `${request.data.topic}: ${request.data.insight}`;
    case 'get_roadmap':
      return `What is your roadmap for the next ${request.data.horizon}${request.data.area ? ` in ${request.data.area}` : ''}?`;
    case 'health_check':
      return `Health check (${request.data.scope}).`;
    case 'capability_query':
      return request.data.capability ? `Can you ${request.data.capability}?` : 'What can you do?';
  }
}
