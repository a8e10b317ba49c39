module example.com/lang-hello

go 1.19

require (
	github.com/google/uuid v1.3.0
	golang.org/x/text v0.7.0
)
