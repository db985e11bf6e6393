/**
 * Types the engine shares with the worker: the snapshot it reads and the plan it returns.
 */
export type { OrgSnapshot, SignalColumns, SignalFields } from './snapshot';
export type {
    BreachUpsert,
    Evaluation,
    EvaluationStats,
    KeyedUpsert,
    NotificationAnchor,
    NotificationSend,
    OwnerChange,
    Problem,
    RecordUpdate,
    TaskCreate,
    UpdatableObject,
    WritableFields
} from './plan';
