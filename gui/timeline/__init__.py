"""The task-stream timeline under the CPU graph: lanes, bars, queue, controls."""
