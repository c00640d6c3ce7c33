// ESLint's flat configuration. `make test-js` (the first step of `make test`, and so of CI) runs
// `eslint .`. The browser code is classic scripts, which reach one another through `window.atlas`
// (progress.js); tests/js/ and this file are Node.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["site/", "site-zensical/", "site-plain/", ".generated/", ".venv/", "node_modules/", ".bench/", ".snapshots/", "tests/fixtures/"] },
  js.configs.recommended,
  {
    rules: {
      // A copy of an object without some fields is written `const { gone: _, ...rest } = card`:
      // the names left out are there to be left out.
      "no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["templates/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        ...globals.browser,
        // Set only under Node, where tests/js/ require a script to test its rules.
        module: "readonly",
      },
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
