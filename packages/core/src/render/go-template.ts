/**
 * kubectl's `-o go-template=…` / `-o template=…`: Go's text/template executed over the object's
 * unstructured content (integers int64, other numbers float64), with kubectl's `exists` and
 * `base64decode`, `<no value>` for a missing key (or Go's `map has no entry for key "x"` with
 * --allow-missing-template-keys=false), and kubectl's error report. Lexer, parser, executor and
 * functions: go-template-{lex,parse,exec,funcs}.ts.
 *
 * Known limits: base64decode yields UTF-8 text (binary data becomes U+FFFD); `slice` treats an
 * array's capacity as its length.
 */
import { goJson, goQuote, goSprint } from './go-format.js';
import { ExecError, NAME, State } from './go-template-exec.js';
import { TEMPLATE_FUNCS } from './go-template-funcs.js';
import { parseTemplate, TemplateParseError } from './go-template-parse.js';
import type { TNode } from './go-template-nodes.js';
import { PrinterError } from './jsonpath.js';

export { TemplateParseError } from './go-template-parse.js';

const FUNC_NAMES = new Set(Object.keys(TEMPLATE_FUNCS));

export interface GoTemplateOptions {
  /** kubectl's --allow-missing-template-keys (default true: a missing key prints `<no value>`) */
  allowMissingKeys?: boolean;
  /** applied to what actions print (not to the template's own text) */
  escape?: (s: string) => string;
}

/** A failed execution: `output` is what was printed before the failure, then kubectl's report. */
export class TemplateExecError extends PrinterError {}

/** A parsed `-o go-template` template; `print` executes it against one object (or List). */
export class GoTemplatePrinter {
  private readonly root: TNode[];
  private readonly defs: Map<string, TNode[]>;

  /** Throws PrinterError with kubectl's text when the template does not parse. */
  constructor(
    readonly template: string,
    private readonly opts: GoTemplateOptions = {},
  ) {
    try {
      ({ root: this.root, defs: this.defs } = parseTemplate(NAME, template, FUNC_NAMES));
    } catch (e) {
      if (!(e instanceof TemplateParseError)) throw e;
      throw new PrinterError(`error parsing template ${template}, ${e.message}`);
    }
  }

  /** The printed text; throws TemplateExecError (with what kubectl prints on stdout) on failure. */
  print(data: unknown): string {
    const opts = {
      allowMissingKeys: this.opts.allowMissingKeys ?? true,
      escape: this.opts.escape ?? ((s: string) => s),
    };
    const state = new State(this.template, opts, this.defs, { t: 'map[string]interface {}', v: data });
    try {
      state.walk({ t: 'map[string]interface {}', v: data }, this.root);
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      const report =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.template}\n\traw data was:\n\t\t${goJson(data)}\n` +
        `\tobject given to template engine was:\n\t\t${goSprint(data)}\n\n`;
      throw new TemplateExecError(
        `error executing template ${goQuote(this.template)}: ${e.message}`,
        state.out + opts.escape(report),
      );
    }
    return state.out;
  }
}
