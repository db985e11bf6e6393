import { LightningElement, api } from 'lwc';
import { iconClasses, iconHref } from 'preview/icons';
import { formatDateTime, formatNumber } from 'preview/format';

const NUMBER_TYPES = new Set(['number', 'percent', 'currency']);

function cellText(value, column) {
    const type = column.type || 'text';
    if (NUMBER_TYPES.has(type)) {
        return formatNumber(value, type, column.typeAttributes);
    }
    if (type === 'date' || type === 'date-local') {
        return formatDateTime(value, column.typeAttributes);
    }
    return value === undefined || value === null ? '' : String(value);
}

function cellClass(column) {
    const alignment =
        (column.cellAttributes && column.cellAttributes.alignment) ||
        (NUMBER_TYPES.has(column.type) ? 'right' : 'left');
    return alignment === 'left' ? '' : `slds-text-align_${alignment}`;
}

/**
 * Preview stand-in for `lightning-datatable`: a read-only SLDS data table with the
 * text, number, percent, currency, date and boolean column types. Row selection,
 * sorting, inline editing and row actions are not part of the preview.
 */
export default class Datatable extends LightningElement {
    @api keyField;
    @api data = [];
    @api columns = [];
    @api hideCheckboxColumn = false;
    @api columnWidthsMode;
    @api hideTableHeader = false;

    checkClasses = iconClasses('utility:check', 'x-small').svg;
    checkHref = iconHref('utility:check');

    /** Fixed layout shares the width equally; `auto` sizes columns to their content. */
    get tableClass() {
        const layout = this.columnWidthsMode === 'auto' ? '' : ' slds-table_fixed-layout';
        return `slds-table slds-table_cell-buffer slds-table_bordered${layout}`;
    }

    get headers() {
        return (this.columns || []).map((column, index) => ({
            key: column.fieldName || String(index),
            label: column.label,
            className: cellClass(column)
        }));
    }

    get rows() {
        const columns = this.columns || [];
        return (this.data || []).map((row, rowIndex) => ({
            key: String(row[this.keyField] ?? rowIndex),
            cells: columns.map((column, index) => {
                const value = row[column.fieldName];
                return {
                    key: `${column.fieldName || index}`,
                    label: column.label,
                    className: cellClass(column),
                    isBoolean: column.type === 'boolean',
                    checked: value === true,
                    text: cellText(value, column)
                };
            })
        }));
    }
}
