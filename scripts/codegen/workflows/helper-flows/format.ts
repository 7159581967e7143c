/**
 * The Okta Workflows folder export ("flopack"; `.folder` / `.flopack` files), as far as this
 * project writes and checks it. Undocumented by Okta: every name here was read from the real
 * exports in okta/workflows-templates (see scripts/workflows-study.ts and catalogue.json).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A field's stored type: a scalar name, or an object type listing its keys with their types. */
export type StoredType = string | { [key: string]: { type: StoredType; collection: boolean } };

interface FieldValue {
  type: StoredType;
  collection: boolean;
  data?: Json;
  [key: string]: Json | StoredType | undefined;
}

/** A card's input or output without its id. */
export interface FieldBody {
  group: string | null;
  key: string;
  value: FieldValue;
  metadata?: JsonObject;
  [key: string]: Json | FieldValue | undefined;
}

/** One input or output of a card, keyed by its id in the port's `data` map. */
export interface Field extends FieldBody {
  id: string;
}

export interface Port {
  extensible?: boolean;
  rules?: Json;
  groupRules?: Json;
  data: Record<string, Field>;
}

export interface Model {
  key: string;
  config: string | null;
  metadata: JsonObject;
  inputs: Port;
  outputs: Port;
  [key: string]: Json | Port | undefined;
}

interface PinTarget {
  input: string;
  transform: Json;
}

/** output field id -> target card uuid -> the target's input fields it feeds. */
export type Pins = Record<string, Record<string, PinTarget[]>>;

interface JoinLink {
  output: string;
  transform: Json;
}

export interface Parents {
  version: JsonObject;
  channel: JsonObject;
}

/** A card in a flow (called a "method" in the file). */
export interface Method {
  joins: Record<string, JoinLink[]>;
  address: string;
  parents: Parents;
  uuid: string;
  branches: Record<string, boolean>;
  node: { key: string; data: { name: string }; model: Model };
  pins: Pins;
}

interface FloData {
  id: null;
  uuid: string;
  display: { preview: { module: string; name: string; kernel: boolean }[]; eventConnecterName: string; isCallable: boolean };
  tree: JsonObject;
  model: JsonObject;
  /** ordering id -> [from card uuid, to card uuid]: the order the cards run in. */
  orderings: Record<string, [string, string]>;
  cron: JsonObject;
  security_level: null;
  log: boolean;
  inheritLog: boolean;
  scheduled: boolean;
  group: string;
  templateName: null;
  connector_method_meta: JsonObject;
  monitor_flo: boolean;
  methods: Method[];
}

export interface Flo {
  id: string;
  name: string;
  description: string;
  data: FloData;
}

export interface Config {
  id: string;
  name: string;
  module: string;
  data: null;
}

export interface Group {
  id: string;
  data: { name: string; description: string; media_uri: string; path: string };
}

export interface Flopack {
  type: 'flopack';
  version: string;
  created: string;
  flags: Record<string, boolean>;
  data: {
    flos: Record<string, Flo>;
    configs: Record<string, Config>;
    tables: Record<string, Json>;
    groups: Record<string, Group>;
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
