// Turns what node-postgres throws while connecting into one sentence that
// says what is wrong with the team store and where.
import { errorMessage } from '../errors/error-message';

export function postgresProblem(error: unknown, where: string, user: string): string {
  const code = (error as { code?: string }).code;
  const message = errorMessage(error);
  switch (code) {
    case '28P01':
      return `the team store ${where} refused the password of user "${user}" (wrong password)`;
    case '28000':
      return `the team store ${where} does not let user "${user}" in (no such role, or pg_hba.conf has no line for it): ${message}`;
    case '3D000':
      return `the team store ${where}: ${message} (create it, then run opsdeck store init)`;
    case 'ECONNREFUSED':
      return `the team store ${where} cannot be reached: nothing listens there (is PostgreSQL running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the team store ${where} cannot be reached: the host name does not resolve`;
    case 'ENOENT':
      return `the team store ${where} cannot be reached: no socket there (is PostgreSQL running, and is the socket folder right?)`;
    default:
      return message.startsWith('the team store') ? message : `the team store ${where}: ${message}`;
  }
}
