/** Usage texts of the front end: one per command, every flag the command accepts listed. */

export const TARGETS_LINE = 'targets: reference | reference:<mutant> | npm:<spec> | <path.tgz> | <package dir> | cmd:<command line>';

export const COMMAND_USAGE = {
  run: `usage: image-skill-conformance run [flags]
  --cli <target>               the CLI under test (default: the package in the working directory when it is named
                               image-skill, else the bundled reference); a path is relative to the working directory;
                               repeat it to run several builds in one Playwright run (a report folder each)
  --allow-any-name             accept a package that is not named image-skill
  --node <path | version>      run a Node CLI under this Node (a binary, or e.g. 22, installed once from the registry)
  --contract <version|dir>     judge against a known contract version, or the documents in a folder (cli.md at least)
                               (default: the documents the package ships, else the newest known version)
  --grep <pattern>             only scenarios whose title matches
  --shard <i/n>                run shard i of n (also writes a blob report)
  --workers <n>                parallel workers (default: one per core)
  --allow-not-run              do not fail because a scenario could not run
  --report-dir <dir>           report folder (default: ./image-skill-conformance-report/<run-id>)
  --cache-dir <dir>            installed/extracted builds (default: $ISC_CACHE_DIR, else \${XDG_CACHE_HOME:-~/.cache}/image-skill-conformance/targets)
  --tmp-dir <dir>              where the run's temp folder (sandboxes) is made, removed at the end (default: $TMPDIR or /tmp)
  --expect <known-defects.json>  judge the run against a triage file (with several --cli: one each, same order)
  --strict-expectations        with --expect: any difference from the file fails the run
  --update-expectations        with --expect: rewrite the file from this run
  --network <namespace|guard|off>  isolation (default: namespace where unshare works, else guard)
  --fork-url <url>             run the chain as a fork of this RPC URL (or BASE_RPC_URL)
  --fork-block-number <n>      pin the fork at this block (or BASE_FORK_BLOCK)
  --help, -h                   this text`,
  serve: `usage: image-skill-conformance serve [flags]
  --port <port>                listen port (default: a free one)
  --host 127.0.0.1             the only address accepted (the fake listens on loopback only)
  --payments                   attach a Stripe backend
  --chain                      attach a local Base chain (anvil)
  --fork-url <url>             with --chain: fork this RPC URL
  --stubs <dir>                load stubs from this folder at start
  --state <file>               load a state file at start
  --contract <version|dir>     answer as these documents say the service does (default: the newest known version)
  --help, -h                   this text`,
  diff: `usage: image-skill-conformance diff (--base <target> | --base-from <dir>) [--head <target> | --head-from <dir>] [flags]
  --base <target>              the old build
  --head <target>              the new build (default: the package in the working directory when it is named image-skill)
  --base-from <dir>            an existing report folder (results.json, transcripts/) instead of running the old build
  --head-from <dir>            an existing report folder instead of running the new build
  --allow-any-name             accept packages that are not named image-skill
  --grep <pattern>             only scenarios whose title matches (runs made by diff)
  --workers <n>                parallel workers (default: one per core)
  --out <dir>                  report folder (default: ./image-skill-conformance-report/diff-<run-id>):
                               regression.md, regression.html, regression.json
  --seed <n>                   seed for the fake service (default: 1)
  --fail-on <regressed|changed|never>  when to exit 1 (default: regressed: a change breaks a rule the head's
                               documents state; changed: any change but a harness gap)
  --help, -h                   this text`,
  proof: `usage: image-skill-conformance proof [flags]
  --cli <target>               the CLI under test (default: the package in the working directory when it is named
                               image-skill, else the bundled reference)
  --allow-any-name             accept a package that is not named image-skill
  --out <dir>                  bundle folder (default: ./image-skill-conformance-report/proof-<run-id>)
  --key <ed25519-pkcs8.pem>    signing key (default: a fresh pair; the public half is written beside the bundle)
  --help, -h                   this text`,
  'verify-proof': `usage: image-skill-conformance verify-proof [flags] <bundle-dir>
  --public-key <ed25519-spki.pem>  also check the signature
  --help, -h                   this text`,
  mutate: `usage: image-skill-conformance mutate [flags]
  --mutant <name>              only this mutant (repeatable)
  --workers <n>                parallel workers (default: one per core)
  --report-dir <dir>           report folder (default: ./image-skill-conformance-report/mutation-<run-id>)
  --no-control                 the reference's own failures in the coverage pass do not fail the run
  --hints <file>               killing scenarios kept between runs, tried first (default: <cache dir>/mutation-killers.json)
  --coverage-from <dir>        skip the coverage pass: the records a reference run wrote with ISC_MUTATION_COVERAGE=<dir>
  --control-from <json>        ... and that run's Playwright JSON report (its scenarios are the control)
  --help, -h                   this text`,
  matrix: `usage: image-skill-conformance matrix (--from <report-dir> | --cli <target>)... [flags]
  Rules as rows, releases as columns: per cell holds / fails / not stated / harness gap / observed / not reached.
  --from <report-dir>          a report folder holding results.json, or a run folder with one per build (repeatable)
  --cli <target>               run this build first (repeatable: one run with several --cli, reports in <out>/runs)
  --out <dir>                  where matrix.json and matrix.html go (default: ./image-skill-conformance-report/matrix-<run-id>)
  --copy-transcripts           copy the transcripts the cells link to into <out>/matrix.transcripts (a page that moves)
  --grep <pattern>             with --cli: only scenarios whose title matches
  --workers <n>                with --cli: parallel workers (default: one per core)
  --node <path | version>      with --cli: run a Node CLI under this Node
  --network <namespace|guard|off>  with --cli: isolation (as for run)
  --allow-any-name             with --cli: accept a package that is not named image-skill
  --help, -h                   this text`,
  setup: `usage: image-skill-conformance setup
  Finds a Chromium for the browser scenario (CHROMIUM_PATH, Playwright's own, /usr/bin/chromium);
  when there is none, installs one (npx playwright install chromium, else apt-get as root) and says what it did.
  --node <version>             also install that Node (e.g. 22) into the target cache for run --node, and print
                               "node <version>: <vX.Y.Z> at <path>"
  --help, -h                   this text`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_USAGE, name);
}

export const USAGE = `usage: image-skill-conformance <command> [flags]
       image-skill-conformance <command> --help
       image-skill-conformance --version

commands:
  run           one conformance run of the scenarios against a CLI build
  serve         the fake service on its own
  diff          run two builds and write a regression report
  proof         a guided first run as a signed evidence bundle
  verify-proof  check a proof bundle offline
  mutate        the scenarios against every mutant of the reference CLI
  setup         find or install the browser the Checkout scenario needs
  matrix        rules × releases: a compatibility page from report folders or fresh runs

${TARGETS_LINE}`;
