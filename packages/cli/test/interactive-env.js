// Loaded before any test module (mocharc node-option): the dashboard's tests render Ink frames as an
// interactive terminal does. Ink reads CI when it loads and in CI mode draws only the final frame, so
// clear it here exactly as the `dashboard` command does once it has checked for a TTY.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
