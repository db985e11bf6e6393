/**
 * The SLA policy engine: a pure function from a snapshot of org records, a validated
 * policy and the time of evaluation to the desired state as a plan of writes, each
 * with its reason. No I/O and no clock of its own.
 */
export { evaluate } from './evaluate';
export {
    DEFAULT_GROUP_SIZE,
    evaluateInChunks,
    mergeEvaluations,
    type ChunkOptions
} from './chunks';
export { applyEvaluation } from './apply';
export {
    emptySnapshot,
    signalColumnsOf,
    SignalColumnsBuilder,
    type OrgSnapshot,
    type SignalColumns
} from './snapshot';
export {
    isEmptyEvaluation,
    type BreachUpsert,
    type Evaluation,
    type EvaluationStats,
    type KeyedUpsert,
    type NotificationSend,
    type OwnerChange,
    type Problem,
    type RecordUpdate,
    type TaskCreate
} from './plan';
export { taskKeyOf } from './keys';
