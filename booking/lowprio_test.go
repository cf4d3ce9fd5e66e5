package booking

import "testing"

// TestInBackgroundPanics: a panic while planning reaches the caller (and
// so the server's recovery) instead of ending the process.
func TestInBackgroundPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v, want the panic of fn", r)
		}
	}()
	inBackground(func() { panic("boom") })
	t.Fatal("inBackground returned after a panic")
}
