// Package pssconformance tests the kubernetes-pod-* rules of package kubernetes against the
// Pod Security Standards as the official implementation, k8s.io/pod-security-admission, defines
// them. It is a module of its own, with only tests: the Kubernetes modules it needs stay out of
// pulumi-securely's go.mod, and so out of the module graph of every custom pack built on it
// (docs/dependencies.md). scripts/test vets and runs it.
package pssconformance
