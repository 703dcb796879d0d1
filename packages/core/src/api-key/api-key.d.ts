export declare const apiKeyPattern: RegExp;
export declare const apiKeyFormat: string;
export declare function generateApiKey(): { key: string; prefix: string; secret: string };
export declare function parseApiKey(raw: string): { prefix: string; secret: string } | null;
export declare function hashApiKeySecret(secret: string): Promise<string>;
