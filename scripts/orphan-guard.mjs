// Preloaded (`--import`) by `npm start` into every process it runs. When npm start goes
// away, even killed with SIGKILL, the IPC channel it opened closes, and the process stops
// as it does on SIGTERM instead of living on as an orphan that keeps its port.
if (process.send) {
  process.channel?.unref(); // the channel alone never keeps the process running
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
  });
}
