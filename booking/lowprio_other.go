//go:build !linux

package booking

// inBackground runs fn; only Linux lowers the priority of one thread.
func inBackground(fn func()) { fn() }
