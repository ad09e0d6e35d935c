/**
 * Shell scripts printed by `kubectl-mc completion <shell>`. Each asks the CLI itself for candidates
 * (`kubectl-mc __complete -- <words> <current>`), so they never go stale as commands are added.
 * `--` keeps oclif from treating a `--help` being completed as a request for help.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const bash = (bin: string, fn: string): string => `# bash completion for ${bin}
# Load it now:     source <(${bin} completion bash)
# Load it always:  ${bin} completion bash > ~/.local/share/bash-completion/completions/${bin}
${fn}() {
    local line=\${COMP_LINE:0:COMP_POINT}
    local -a words
    read -ra words <<< "$line"
    [[ $line =~ [[:space:]]$ ]] && words+=("")
    (( \${#words[@]} == 0 )) && return
    local cur=\${words[\${#words[@]}-1]}
    local out
    out=$("\${words[0]}" __complete -- "\${words[@]:1}" 2>/dev/null) || return
    local directive=\${out##*:}
    [[ $directive =~ ^[0-9]+$ ]] || return
    local -a cands=()
    local l
    while IFS= read -r l; do
        [[ -z $l || $l == :* ]] && continue
        cands+=("\${l%%$'\\t'*}")
    done <<< "$out"
    (( directive & 1 )) && return
    (( directive & 2 )) && compopt -o nospace 2>/dev/null
    if (( \${#cands[@]} == 0 )); then
        (( directive & 4 )) && compopt +o default 2>/dev/null
        return
    fi
    # bash replaces only the text after the last = or : of the word: drop what is already typed.
    local wb=\${cur%"\${cur##*[=:]}"}
    COMPREPLY=()
    local c
    for c in "\${cands[@]}"; do
        [[ $c == "$cur"* ]] && COMPREPLY+=("\${c#"$wb"}")
    done
}
complete -o default -F ${fn} ${bin}
`;

const zsh = (bin: string, fn: string): string => `#compdef ${bin}
# zsh completion for ${bin}
# Load it now:     source <(${bin} completion zsh)
# Load it always:  ${bin} completion zsh > "\${fpath[1]}/_${bin}"
${fn}() {
    local -a lines cands
    local out directive l
    out=$("\${words[1]}" __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
    lines=("\${(@f)out}")
    directive=\${lines[-1]#:}
    lines=("\${(@)lines[1,-2]}")
    [[ $directive == <-> ]] || return 1
    (( directive & 1 )) && return 1
    for l in "\${lines[@]}"; do
        [[ -z $l ]] && continue
        if [[ $l == *$'\\t'* ]]; then
            cands+=("\${\${l%%$'\\t'*}//:/\\\\:}:\${l#*$'\\t'}")
        else
            cands+=("\${l//:/\\\\:}")
        fi
    done
    if (( \${#cands} )); then
        if (( directive & 2 )); then
            _describe -t values '${bin}' cands -S ''
        else
            _describe -t values '${bin}' cands
        fi
    elif (( ! (directive & 4) )); then
        _files
    fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    ${fn} "$@"
else
    compdef ${fn} ${bin}
fi
`;

const fish = (bin: string, fn: string): string => `# fish completion for ${bin}
# Load it now:     ${bin} completion fish | source
# Load it always:  ${bin} completion fish > ~/.config/fish/completions/${bin}.fish
function ${fn}
    set -l args (commandline -opc)
    set -l cur (commandline -ct)
    set -l out ($args[1] __complete -- $args[2..-1] $cur 2>/dev/null)
    or return
    set -l directive (string replace -r '^:' '' -- $out[-1])
    set -e out[-1]
    string match -qr '^[0-9]+$' -- $directive; or return
    test (math "$directive % 2") -eq 1; and return
    if test (count $out) -gt 0
        printf '%s\\n' $out
    else if test (math "floor($directive / 4) % 2") -eq 0
        __fish_complete_path $cur
    end
end
complete -c ${bin} -f -a '(${fn})'
`;

/** The completion script for `shell`, registering `bin` (default `kubectl-mc`). */
export function completionScript(shell: Shell, bin = 'kubectl-mc'): string {
  const fn = `_${bin.replace(/[^A-Za-z0-9_]/g, '_')}_complete`;
  switch (shell) {
    case 'bash':
      return bash(bin, fn);
    case 'zsh':
      return zsh(bin, fn);
    case 'fish':
      return fish(bin, fn);
  }
}
