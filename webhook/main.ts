// Entry point of the `sveltos-webhook` binary. The component lands with issue 6; until then the
// binary says so plainly instead of pretending to run.
process.stderr.write('sveltos-webhook: not implemented yet (see issue 6)\n');
process.exitCode = 1;
