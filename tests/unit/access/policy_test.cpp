// A handful of cells of the authorisation table (policy.h, docs/api.md "角色与可见范围"), each
// written out by hand, and the rules that hold for whole rows: ancestors and unrelated
// organisations get nothing.
#include "access/policy.h"

#include <gtest/gtest.h>

namespace shanhai::access {
namespace {

TEST(PolicyTest, ReadingData) {
  EXPECT_TRUE(allowed(Role::viewer, Permission::read_data, Relation::own));
  EXPECT_TRUE(allowed(Role::expert, Permission::read_data, Relation::own));
  EXPECT_FALSE(allowed(Role::viewer, Permission::read_data, Relation::descendant));
  EXPECT_FALSE(allowed(Role::expert, Permission::read_data, Relation::descendant));
  EXPECT_TRUE(allowed(Role::model_admin, Permission::read_data, Relation::descendant));
  EXPECT_TRUE(allowed(Role::prosecutor, Permission::read_data, Relation::descendant));
  EXPECT_FALSE(allowed(Role::expert, Permission::read_data, Relation::paired));
}

TEST(PolicyTest, ModelsStatisticsAndConsultation) {
  EXPECT_TRUE(allowed(Role::expert, Permission::read_models, Relation::paired));
  EXPECT_TRUE(allowed(Role::expert, Permission::read_stats, Relation::paired));
  EXPECT_FALSE(allowed(Role::prosecutor, Permission::read_models, Relation::paired));
  EXPECT_FALSE(allowed(Role::admin, Permission::read_stats, Relation::paired));
  EXPECT_FALSE(allowed(Role::viewer, Permission::read_stats, Relation::descendant));
  EXPECT_TRUE(allowed(Role::expert, Permission::read_shared, Relation::own));
  EXPECT_TRUE(allowed(Role::expert, Permission::read_shared, Relation::paired));
  EXPECT_FALSE(allowed(Role::expert, Permission::read_shared, Relation::descendant));
  EXPECT_FALSE(allowed(Role::admin, Permission::read_shared, Relation::own));
  EXPECT_TRUE(allowed(Role::expert, Permission::comment_leads, Relation::paired));
  EXPECT_FALSE(allowed(Role::prosecutor, Permission::comment_leads, Relation::descendant));
  EXPECT_FALSE(allowed(Role::viewer, Permission::comment_leads, Relation::own));
}

TEST(PolicyTest, WritesOnlyInTheOwnOrganisation) {
  EXPECT_TRUE(allowed(Role::model_admin, Permission::write_data, Relation::own));
  EXPECT_FALSE(allowed(Role::model_admin, Permission::write_data, Relation::descendant));
  EXPECT_FALSE(allowed(Role::expert, Permission::write_data, Relation::own));
  EXPECT_FALSE(allowed(Role::viewer, Permission::write_data, Relation::own));
  EXPECT_TRUE(allowed(Role::prosecutor, Permission::work_leads, Relation::own));
  EXPECT_FALSE(allowed(Role::prosecutor, Permission::work_leads, Relation::descendant));
  EXPECT_FALSE(allowed(Role::model_admin, Permission::work_leads, Relation::own));
  EXPECT_TRUE(allowed(Role::model_admin, Permission::manage_models, Relation::own));
  EXPECT_FALSE(allowed(Role::prosecutor, Permission::manage_models, Relation::own));
  EXPECT_TRUE(allowed(Role::model_admin, Permission::review_models, Relation::descendant));
  EXPECT_TRUE(allowed(Role::admin, Permission::review_models, Relation::own));
  EXPECT_FALSE(allowed(Role::prosecutor, Permission::review_models, Relation::own));
  EXPECT_FALSE(allowed(Role::expert, Permission::review_models, Relation::paired));
}

TEST(PolicyTest, UnmaskExportAndAdministration) {
  EXPECT_TRUE(allowed(Role::prosecutor, Permission::unmask, Relation::descendant));
  EXPECT_TRUE(allowed(Role::admin, Permission::unmask, Relation::own));
  EXPECT_FALSE(allowed(Role::model_admin, Permission::unmask, Relation::own));
  EXPECT_FALSE(allowed(Role::expert, Permission::unmask, Relation::paired));
  EXPECT_TRUE(allowed(Role::prosecutor, Permission::export_data, Relation::own));
  EXPECT_FALSE(allowed(Role::viewer, Permission::export_data, Relation::own));
  EXPECT_TRUE(allowed(Role::admin, Permission::manage_users, Relation::descendant));
  EXPECT_FALSE(allowed(Role::prosecutor, Permission::manage_users, Relation::own));
  EXPECT_TRUE(allowed(Role::admin, Permission::read_audit, Relation::descendant));
  EXPECT_FALSE(allowed(Role::admin, Permission::read_audit, Relation::paired));
}

TEST(PolicyTest, NothingOnAncestorsOrUnrelatedOrganisations) {
  for (Role role : kAllRoles) {
    for (Permission p : all_permissions()) {
      EXPECT_FALSE(allowed(role, p, Relation::ancestor))
          << role_name(role) << " " << permission_name(p);
      EXPECT_FALSE(allowed(role, p, Relation::unrelated))
          << role_name(role) << " " << permission_name(p);
    }
  }
}

TEST(PolicyTest, AssignedLeadsAndAllowedSomewhere) {
  EXPECT_TRUE(may_work_assigned_lead(Role::prosecutor, true));
  EXPECT_FALSE(may_work_assigned_lead(Role::prosecutor, false));
  EXPECT_TRUE(may_work_assigned_lead(Role::admin, false));
  EXPECT_TRUE(allowed_somewhere(Role::expert, Permission::comment_leads));
  EXPECT_TRUE(allowed_somewhere(Role::expert, Permission::read_shared));
  EXPECT_FALSE(allowed_somewhere(Role::expert, Permission::write_data));
  EXPECT_FALSE(allowed_somewhere(Role::model_admin, Permission::unmask));
  EXPECT_FALSE(allowed_somewhere(Role::viewer, Permission::export_data));
  EXPECT_TRUE(allowed_somewhere(Role::viewer, Permission::read_stats));
}

TEST(PolicyTest, Names) {
  EXPECT_EQ(permission_name(Permission::export_data), "export");
  EXPECT_EQ(permission_name(Permission::read_shared), "read_shared");
  EXPECT_EQ(role_name(Role::model_admin), "model_admin");
  EXPECT_EQ(role_label_zh(Role::expert), "援助专家");
  EXPECT_EQ(role_label_zh(Role::viewer), "只读用户");
  EXPECT_EQ(parse_role("prosecutor"), Role::prosecutor);
  EXPECT_EQ(parse_role("Admin"), std::nullopt);
  EXPECT_EQ(parse_role(""), std::nullopt);
}

}  // namespace
}  // namespace shanhai::access
