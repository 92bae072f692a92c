// @ts-check
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const FEATURES = ["search", "card", "rules", "decks", "onboarding", "settings"];

// STYLE.md §10: a feature can move or go without touching the others, so features never import
// each other; only `src/app/` composes them, and shared components know no feature.
const featureBoundaries = [
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message: "Features do not import each other; compose them in src/app/.",
  })),
  {
    target: "./src/features",
    from: "./src/app",
    message: "Features do not depend on the app shell.",
  },
  {
    target: "./src/components",
    from: ["./src/features", "./src/app"],
    message: "Shared components know no feature.",
  },
];

export default tseslint.config(
  // bindings.ts is generated from the Rust types by tauri-specta (never edited by hand).
  { ignores: ["dist", "node_modules", "src/bindings.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
    },
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.strict],
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: featureBoundaries }],
      "import-x/no-cycle": "error",
      // Our components that render a form control inside, so a <label> around them labels it.
      "jsx-a11y/label-has-associated-control": ["error", { controlComponents: ["ChoiceSelect"] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression > TSAnyKeyword",
          message: "No `as any`: types come from the generated bindings.",
        },
      ],
    },
  },
  {
    files: ["*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
