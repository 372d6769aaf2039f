//go:build !linux

package publish

// exchangeWanted says this system must swap folders in one step.
const exchangeWanted = false
