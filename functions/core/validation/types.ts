/** Result of validating an e-invoice against EN 16931 and, where the document claims it, XRechnung. */
export type Severity = 'fatal' | 'warning' | 'information';

export interface Finding {
  /** Official rule id, e.g. 'BR-CO-10', 'BR-DE-15', 'BR-CL-25', 'CII-DT-031'. */
  rule: string;
  severity: Severity;
  /** Readable English message. */
  message: string;
  /** Readable German message. */
  messageDe?: string;
  /** XPath-like location of the offending element, where one applies. */
  path?: string;
}

export interface ValidationReport {
  /** True when no finding is fatal. */
  valid: boolean;
  /** Rule sets applied, e.g. ['EN16931-CII', 'XRechnung-CII-3.0']. */
  ruleSets: string[];
  findings: Finding[];
}
