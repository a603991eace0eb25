/** postgres-date ships no types: it parses PostgreSQL's ISO timestamp text (Infinity for 'infinity'). */
declare module 'postgres-date' {
  export default function parseDate(text: string): Date | number | null;
}
