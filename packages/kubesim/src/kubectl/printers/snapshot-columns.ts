/**
 * `kubectl get` tables of the VolumeSnapshot kinds: the CRDs' additionalPrinterColumns as the API
 * server's table convertor prints them (a missing value is an empty cell; `date` columns are ages).
 * @see external-snapshotter client/config/crd/snapshot.storage.k8s.io_*.yaml (additionalPrinterColumns),
 *      apiextensions-apiserver pkg/registry/customresource/tableconvertor/tableconvertor.go
 */
import type { KubeObject } from '@kubesim/core';
import type { VolumeSnapshot, VolumeSnapshotClass, VolumeSnapshotContent } from '@kubesim/storage';
import { humanDuration } from '../duration.js';
import type { RowContext, TableDef } from './columns.js';

/** A `date` column: the age of an RFC 3339 value, empty when absent. */
const dateCell = (ts: string | undefined, c: RowContext): string => (ts ? humanDuration(c.nowMs - c.parse(ts)) : '');
/** A `string`/`boolean`/`integer` column: the value, empty when absent. */
const cell = (v: string | number | boolean | undefined): string => (v === undefined ? '' : String(v));

/** `volumesnapshots`: ReadyToUse, SourcePVC, SourceSnapshotContent, RestoreSize, SnapshotClass, SnapshotContent, CreationTime, Age. */
export const volumeSnapshotTable: TableDef = {
  headers: ['READYTOUSE', 'SOURCEPVC', 'SOURCESNAPSHOTCONTENT', 'RESTORESIZE', 'SNAPSHOTCLASS', 'SNAPSHOTCONTENT', 'CREATIONTIME', 'AGE'],
  wideHeaders: [],
  row: (o: KubeObject, c: RowContext) => {
    const s = o as VolumeSnapshot;
    return [
      cell(s.status?.readyToUse),
      cell(s.spec?.source?.persistentVolumeClaimName),
      cell(s.spec?.source?.volumeSnapshotContentName),
      cell(s.status?.restoreSize),
      cell(s.spec?.volumeSnapshotClassName),
      cell(s.status?.boundVolumeSnapshotContentName),
      dateCell(s.status?.creationTime, c),
      dateCell(o.metadata.creationTimestamp, c),
    ];
  },
};

/** `volumesnapshotcontents`: ReadyToUse, RestoreSize, DeletionPolicy, Driver, VolumeSnapshotClass, VolumeSnapshot, VolumeSnapshotNamespace, Age. */
export const volumeSnapshotContentTable: TableDef = {
  headers: ['READYTOUSE', 'RESTORESIZE', 'DELETIONPOLICY', 'DRIVER', 'VOLUMESNAPSHOTCLASS', 'VOLUMESNAPSHOT', 'VOLUMESNAPSHOTNAMESPACE', 'AGE'],
  wideHeaders: [],
  row: (o: KubeObject, c: RowContext) => {
    const s = o as VolumeSnapshotContent;
    return [
      cell(s.status?.readyToUse),
      cell(s.status?.restoreSize),
      cell(s.spec?.deletionPolicy),
      cell(s.spec?.driver),
      cell(s.spec?.volumeSnapshotClassName),
      cell(s.spec?.volumeSnapshotRef?.name),
      cell(s.spec?.volumeSnapshotRef?.namespace),
      dateCell(o.metadata.creationTimestamp, c),
    ];
  },
};

/** `volumesnapshotclasses`: Driver, DeletionPolicy, Age. */
export const volumeSnapshotClassTable: TableDef = {
  headers: ['DRIVER', 'DELETIONPOLICY', 'AGE'],
  wideHeaders: [],
  row: (o: KubeObject, c: RowContext) => {
    const s = o as VolumeSnapshotClass;
    return [cell(s.driver), cell(s.deletionPolicy), dateCell(o.metadata.creationTimestamp, c)];
  },
};
