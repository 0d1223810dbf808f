// The abuse categories of the gateway's scanners and their MITRE ATLAS techniques (see README.md).

export const MALICIOUS_CATEGORIES = ['malware', 'cyber_attack', 'phishing_social_engineering', 'jailbreak', 'prompt_injection', 'influence_operation', 'other_harm'] as const;
export type Category = (typeof MALICIOUS_CATEGORIES)[number];
export const BENIGN_CATEGORIES = ['benign_cyber', 'benign_general', 'benign_lookalike'] as const;
export type BenignCategory = (typeof BENIGN_CATEGORIES)[number];

/** ATLAS techniques of each category (prompt injection adds .000 direct or .001 indirect by where it was found). */
export const ATLAS: Readonly<Record<Category, readonly string[]>> = {
  malware: ['AML.T0102'], // Generate Malicious Commands (the model used to write malicious code)
  cyber_attack: ['AML.T0102'],
  phishing_social_engineering: ['AML.T0052.000'], // Phishing: Spearphishing via Social Engineering LLM
  jailbreak: ['AML.T0054'], // LLM Jailbreak
  prompt_injection: ['AML.T0051'], // LLM Prompt Injection (.000 direct, .001 indirect)
  influence_operation: ['AML.T0048.002'], // External Harms: Societal Harm
  other_harm: ['AML.T0048'], // External Harms
};

export const ATLAS_DIRECT_INJECTION = 'AML.T0051.000';
export const ATLAS_INDIRECT_INJECTION = 'AML.T0051.001';
export const ATLAS_SYSTEM_PROMPT_EXTRACTION = 'AML.T0056'; // Extract LLM System Prompt
export const ATLAS_OBFUSCATION = 'AML.T0068'; // LLM Prompt Obfuscation
