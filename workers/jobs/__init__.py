"""What runs inside child processes and pool workers: the jobs, the fetch,
and the report pipe they write to. Imported in every child, so nothing here
imports more than a job needs."""
