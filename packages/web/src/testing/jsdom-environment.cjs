/**
 * jsdom, plus the web-platform globals that Node has and jsdom lacks (react-router's data
 * routers build `Request`s; their AbortSignal must be the same implementation as `Request`'s).
 */
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = [
  'Request',
  'Response',
  'Headers',
  'FormData',
  'fetch',
  'AbortController',
  'AbortSignal',
  'TextEncoder',
  'TextDecoder',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'structuredClone',
];

class GuichetJsdomEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const JsdomFormData = this.global.FormData;
    for (const name of FROM_NODE) {
      if (name in globalThis) this.global[name] = globalThis[name];
    }
    // React 19 calls `new FormData(form, submitter)` when a submit handler starts a transition (a
    // navigation, e.g. a search form writing the URL); Node's FormData cannot read a jsdom form, so
    // its text fields are copied through jsdom's own.
    const NodeFormData = globalThis.FormData;
    this.global.FormData = class FormData extends NodeFormData {
      constructor(form, submitter) {
        super();
        if (!form) return;
        for (const [name, value] of new JsdomFormData(form, submitter)) {
          if (typeof value === 'string') this.append(name, value);
        }
      }
    };
  }
}

module.exports = GuichetJsdomEnvironment;
