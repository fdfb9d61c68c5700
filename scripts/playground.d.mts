/** The Agents Playground's configuration (YAML) for a demo user (a key of DEMO), the rest as its roster. */
export function playgroundConfig(key: string, conversationId?: string): string;
