// Entry point of the `sveltos-controller` binary. The component lands with issue 9; until then the
// binary says so plainly instead of pretending to run.
process.stderr.write('sveltos-controller: not implemented yet (see issue 9)\n');
process.exitCode = 1;
