/**
 * A LIKE/ILIKE pattern matching any text that contains `text`. `%`, `_` and `\` in it match
 * literally: each is escaped with `\`, PostgreSQL's default LIKE escape character.
 */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
