// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test-results/", "playwright-report/", "blob-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["eslint.config.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ["error", "always"],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Text from config files and the network goes into the page as text, never as markup.
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Build nodes (views/dom.ts `h`) or set textContent." },
        { property: "outerHTML", message: "Build nodes (views/dom.ts `h`) or set textContent." },
        { property: "insertAdjacentHTML", message: "Build nodes (views/dom.ts `h`) or set textContent." },
      ],
    },
  },
  {
    // src/ipc.ts is the only module that talks to the backend: nothing else imports @tauri-apps.
    files: ["src/**/*.ts"],
    ignores: ["src/ipc.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@tauri-apps/*"], message: "Talk to the backend through src/ipc.ts only." }] },
      ],
    },
  },
  {
    files: ["eslint.config.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
