/**
 * The Workflows cards the generated helper flows are made of, by the address real exports store
 * them under. Each must be in catalogue.json (learned from okta/workflows-templates by
 * scripts/workflows-study.ts), which also holds the card's shape as seen there.
 */
export const CARDS = {
  helperFlow: 'root:kernel:control:0.0.1:callable',
  returnOutputs: 'root:kernel:control:0.0.1:return',
  callFlow: 'root:kernel:control:0.0.1:spawn',
  comment: 'root:kernel:control:0.0.1:comment',
  returnErrorIf: 'root:kernel:control:0.0.1:throwIf',
  ifElse: 'root:kernel:control:0.0.1:if',
  branchStart: 'root:kernel:control:0.0.1:noop',
  join: 'root:kernel:control:0.0.1:join',
  construct: 'root:kernel:object:0.0.1:construct',
  clearEmpty: 'root:kernel:object:0.0.1:clearEmpty',
  get: 'root:kernel:object:0.0.1:get',
  stringify: 'root:kernel:json:0.0.1:stringify',
  parse: 'root:kernel:json:0.0.1:parse',
  concatenate: 'root:kernel:string:0.0.1:concat',
  forEach: 'root:kernel:list:0.0.1:each',
  rawRequest: 'root:channels:http:httpfunctions:1.0.24:raw',
} as const;

export type CardRole = keyof typeof CARDS;

/**
 * The same address serves several event cards (Helper Flow, Scheduled Flow, API Endpoint...):
 * the shape kept for it must come from a card of this name.
 */
export const REQUIRED_NAME: Partial<Record<string, string>> = {
  [CARDS.helperFlow]: 'Helper Flow',
};

/** Cards whose fields are all added by the builder although real exports do not mark them `custom`. */
export const UNMARKED_BUILDER_FIELDS: ReadonlySet<string> = new Set([CARDS.join]);
