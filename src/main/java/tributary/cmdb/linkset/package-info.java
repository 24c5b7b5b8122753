/**
 * iTop's text syntax of link sets ({@code profileid->name:Administrator|profileid:10}), used by the CSV import and
 * the data synchronization: {@link tributary.cmdb.linkset.LinkSetParser} splits a text into link specifications,
 * {@link tributary.cmdb.linkset.LinkSetResolver} checks them against the model and resolves their external keys, in
 * bulk, into the link-set values {@link tributary.cmdb.ObjectService} writes.
 */
package tributary.cmdb.linkset;
