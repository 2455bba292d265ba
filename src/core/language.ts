// The languages Rapport speaks. A leaf module: every part of the core may import it without
// importing anything else.
export type Language = 'en' | 'bg';
export const LANGUAGES: readonly Language[] = ['en', 'bg'];
