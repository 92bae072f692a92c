/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Tauri serves the built files from its own protocol, so assets must use relative URLs.
export default defineConfig({
  base: "./",
  plugins: [react(), tailwindcss()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "es2022", outDir: "dist" },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    restoreMocks: true,
    // Some tests parse the full MTGJSON card file (about 100 MB of JSON) on first use; on a
    // 2-core machine busy compiling Rust that alone can pass Vitest's 5 s default.
    testTimeout: 60_000,
  },
});
