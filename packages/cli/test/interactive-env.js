// Loaded before any test module (mocharc node-option), so the dashboard's tests render Ink frames the
// same way wherever they run:
// - Ink reads CI when it loads and in CI mode draws only the final frame; clear it exactly as the
//   `dashboard` command does once it has checked for a TTY.
// - Task runners (lerna/nx) export FORCE_COLOR for their piped output, which would put escape codes
//   into every frame the tests read as text; the tests choose colour explicitly instead.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
delete process.env.FORCE_COLOR;
