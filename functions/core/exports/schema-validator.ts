/** Port: validates an XML document against an XML Schema (adapters/xsd holds the implementation). */
export interface SchemaValidator {
  validate(xml: string): Promise<SchemaVerdict>;
}

export interface SchemaVerdict {
  valid: boolean;
  /** The validator's messages, one per problem (with line numbers where it gives them). */
  errors: string[];
}
