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
    for (const name of FROM_NODE) {
      if (name in globalThis) this.global[name] = globalThis[name];
    }
  }
}

module.exports = GuichetJsdomEnvironment;
