// Entry point of the `sveltos-agent` binary. The component lands with issue 10; until then the
// binary says so plainly instead of pretending to run.
process.stderr.write('sveltos-agent: not implemented yet (see issue 10)\n');
process.exitCode = 1;
