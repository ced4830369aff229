module wasitrace.dev/realprogs

go 1.23
