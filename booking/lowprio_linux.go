package booking

import (
	"runtime"
	"syscall"
)

// backgroundNice is the CPU priority (nice) bulk work runs at: below every
// request's, so that on a busy machine the bookings go first.
const backgroundNice = 10

// inBackground runs fn at a low CPU priority and waits for it: on its own
// OS thread, whose nice value is raised, and which ends with fn (a locked
// thread is not reused), so no other goroutine inherits the priority. A
// panic in fn is raised again in the caller, where the server's recovery
// turns it into a 500 rather than a crash.
func inBackground(fn func()) {
	done := make(chan struct{})
	var panicked any
	go func() {
		defer close(done)
		defer func() { panicked = recover() }()
		runtime.LockOSThread() // never unlocked: the thread exits with this goroutine
		_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), backgroundNice)
		fn()
	}()
	<-done
	if panicked != nil {
		panic(panicked)
	}
}
