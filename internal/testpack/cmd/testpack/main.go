// Command testpack serves the fixture pack, for protocol tests.
package main

import (
	"github.com/pulumi-securely/pulumi-securely/internal/testpack"
	"github.com/pulumi-securely/pulumi-securely/pack"
)

func main() { pack.Main(testpack.Pack()) }
