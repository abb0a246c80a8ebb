import { MemoryFleetStore } from '../../shared/store/memory-fleet-store.js';
import { describeFleetStoreContract } from '../store-contract.js';

describeFleetStoreContract('MemoryFleetStore', async () => new MemoryFleetStore());
