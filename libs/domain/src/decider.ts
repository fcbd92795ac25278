/**
 * A decider as Emmett has it: three plain values that together are the whole behaviour of a stream.
 * `decide` turns a command into events against the current state (or throws a `DomainError`),
 * `evolve` folds one recorded event into the state, `initialState` is the state before the first
 * event. `Recorded` is the event as read back from the store (with its revision and metadata), which
 * is what `evolve` folds; `decide` produces the bare events that are appended.
 */
export interface Decider<Command, Event, State, Recorded extends Event = Event> {
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: Recorded) => State;
  readonly initialState: State;
}
