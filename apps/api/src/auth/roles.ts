export const ROLES = ['editor', 'reporter', 'auditor', 'redactor'] as const;
export type Role = (typeof ROLES)[number];

/** Editors and auditors may do everything a reporter may; a redactor redacts and nothing else (unless given other roles too). */
const GRANTS: Record<Role, readonly Role[]> = {
  editor: ['editor', 'reporter'],
  reporter: ['reporter'],
  auditor: ['auditor', 'reporter'],
  redactor: ['redactor'],
};

export function mayActAs(roles: readonly Role[], required: Role): boolean {
  return roles.some((role) => GRANTS[role].includes(required));
}

/** Who is calling, as their token says. */
export interface Principal {
  readonly actor: string;
  readonly roles: readonly Role[];
  /** Which token it is (its place in the token list), for limits per token; never the token itself. */
  readonly tokenId: string;
}
