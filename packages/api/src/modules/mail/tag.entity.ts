import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

/** A company-defined label for mail items. Names are unique per company, ignoring case and accents. */
@Entity({ name: 'tags' })
export class TagEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** The name lower-cased without accents: what uniqueness is decided on, identically on every database. */
  @Column({ name: 'name_key', type: 'varchar', length: 50 })
  nameKey: string;

  /** #rrggbb, lower-case. */
  @Column({ type: 'varchar', length: 7 })
  color: string;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}
